package dev.stormwatch.contracts.audit;

import java.time.Instant;

/**
 * One line of the evidence trail on {@code audit.v1} (key: platform id): who or what did what to which subject, when.
 */
public record AuditRecord(
        String platformId, Instant at, String actor, String action, String subjectId, String detail, boolean drill) {}
