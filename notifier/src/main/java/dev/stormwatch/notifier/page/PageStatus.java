package dev.stormwatch.notifier.page;

/** Where a page stands. */
public enum PageStatus {
    /** The subject is open but its platform's catalog has not arrived yet; paged as soon as it does. */
    WAITING_FOR_CATALOG,
    /** Escalating: the next level goes out when nobody acknowledges in time. */
    OPEN,
    /** Someone acknowledged: no more escalation, updates still go to the people paged. */
    ACKNOWLEDGED,
    /** The incident resolved or the decision was taken; kept a while to refuse late acks and replays, then purged. */
    CLOSED
}
