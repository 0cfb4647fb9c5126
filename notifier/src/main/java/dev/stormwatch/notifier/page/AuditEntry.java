package dev.stormwatch.notifier.page;

/** Something the notifier did or refused, for {@code audit.v1}. */
public record AuditEntry(String action, String subjectId, String detail) {}
