package dev.stormwatch.notifier.page;

/** What a page is about. */
public enum SubjectKind {
    INCIDENT,
    DECISION,
    /** A platform's readiness to fail over dropped (a new readiness finding): the DR lead is paged. */
    READINESS,
    /** Not a page: a marker that a handover was announced, so a redelivered handover is not announced twice. */
    HANDOVER
}
