package dev.stormwatch.correlator.platform;

/**
 * Every state store and internal topic of the correlator's topology, in one place: they name the changelog and
 * repartition topics on the broker, so renaming one is a migration, not a refactoring.
 */
public final class StoreNames {

    /** Router: every platform's catalog, key platform id, to match events against all platforms. */
    public static final String ROUTING_CATALOGS = "routing-catalogs";
    /** Router: health events that hit no platform yet, kept for the grace period; key CloudEvent id. */
    public static final String ROUTING_PENDING = "routing-pending";
    /** Router: the platforms each tracking id was routed to, so that all its updates follow; key tracking id. */
    public static final String ROUTING_TRACKED = "routing-tracked";
    /** The catalog a platform's correlation uses; key platform id. */
    public static final String PLATFORM_CATALOGS = "platform-catalogs";
    /** A platform's DR mode and episode; key platform id. */
    public static final String PLATFORM_RUNS = "platform-runs";
    /** Latest version of every provider event of a platform; key platform/event key. */
    public static final String EVENTS = "platform-events";
    /** Incidents not yet pruned; key platform/incident id. */
    public static final String INCIDENTS = "platform-incidents";
    /** Decisions not yet pruned; key platform/decision id. */
    public static final String DECISIONS = "platform-decisions";
    /** The component statuses last written; key platform/component id. */
    public static final String STATUSES = "platform-statuses";
    /** Every drill of a platform as last reported (its DrillReport); key platform/drill id. Never pruned: small. */
    public static final String DRILLS = "platform-drills";
    /** The feasibility report a platform last published; key platform id. */
    public static final String FEASIBILITY = "platform-feasibility";
    /** Position in catalog.v1 of the catalog (or tombstone) a platform last applied; key platform id. */
    public static final String PLATFORM_CATALOG_POSITIONS = "platform-catalog-positions";
    /**
     * Global, on every instance: the latest resource providers' locations of each subscription; key subscription id.
     */
    public static final String PROVIDER_LOCATIONS = "provider-locations";
    /** Global, on every instance: the notifier's latest automation readiness of each platform; key platform id. */
    public static final String AUTOMATION_READINESS = "automation-readiness";
    /** CloudEvent ids already applied (duplicate drop); key platform/event id, value epoch millis. */
    public static final String SEEN = "platform-seen";

    /** Repartition topic that brings a copy of every catalog to every routing task (partitions of health-events). */
    public static final String ROUTING_CATALOGS_TOPIC = "routing-catalogs";
    /** Repartition topic keyed by platform id: each platform's work lands on one task. */
    public static final String PLATFORM_TOPIC = "platform";

    private StoreNames() {}

    /** Key of a platform's entry in a store keyed platform/id; the prefix scan of a platform uses {@link #prefix}. */
    public static String key(String platformId, String id) {
        return platformId + "/" + id;
    }

    public static String prefix(String platformId) {
        return platformId + "/";
    }
}
