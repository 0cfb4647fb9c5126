package dev.stormwatch.notifier.escalation;

/** Names of the notifier's state stores and named topology parts (named so a changed topology keeps its state). */
public final class StoreNames {

    /**
     * Pages by subject id (incident or decision id, {@code readiness-<platform>}; handover markers under
     * {@code handover/<id>}); changelog-backed.
     */
    public static final String PAGES = "pages";
    /** Outboxes by {@code platform/contact}: what is being delivered and what waits behind it; changelog-backed. */
    public static final String OUTBOXES = "outboxes";
    /** Every platform's latest accepted catalog from {@code catalog.v1}, on every instance (a global store). */
    public static final String CATALOGS = "catalogs";
    /** The repartition of acks.v1 by subject id, so that an ack reaches the task that owns the page. */
    public static final String ACKS_BY_SUBJECT = "acks-by-subject";
    /** The repartition of feasibility.v1 by readiness subject, so that a report reaches its readiness page's task. */
    public static final String READINESS_BY_SUBJECT = "readiness-by-subject";

    private StoreNames() {}
}
