package dev.stormwatch.notifier.page;

/** What a page is about. */
public enum SubjectKind {
    INCIDENT,
    DECISION,
    /** Not a page: a marker that a handover was announced, so a redelivered handover is not announced twice. */
    HANDOVER
}
