package dev.stormwatch.contracts;

import java.time.Duration;
import java.util.List;

/**
 * Every topic the services exchange, in one place (the README's topic table). Services map their channels to these
 * names; the launcher, Compose and the Kubernetes manifests create them with exactly these settings.
 */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration YEAR = Duration.ofDays(365);

    /** One normalized health signal; key: provider tracking id, or resource id. */
    public static final Topic HEALTH_EVENTS =
            new Topic("health-events.v1", 6, false, MONTH, "tracking id or resource id");
    /** Input that could not be parsed, with the reason and the raw payload. */
    public static final Topic HEALTH_EVENTS_DLQ = new Topic("health-events.dlq.v1", 1, false, MONTH, "none");
    /** The platform catalog (DR plan as code); key: platform id. */
    public static final Topic CATALOG = new Topic("catalog.v1", 1, true, null, "platform id");
    /** Current status of one component; key: platform/component. */
    public static final Topic COMPONENT_STATUS = new Topic("component-status.v1", 6, true, null, "platform/component");
    /** Incident snapshots; key: incident id. */
    public static final Topic INCIDENTS = new Topic("incidents.v1", 6, true, null, "incident id");
    /** DR decision points and their state; key: decision id. */
    public static final Topic DR_DECISIONS = new Topic("dr-decisions.v1", 6, true, null, "decision id");
    /** Handovers to downstream teams (key: platform/component) and completed DR runs (key: platform id). */
    public static final Topic HANDOVERS = new Topic("handovers.v1", 6, false, YEAR, "platform/component");
    /** Acknowledgements; key: page id. */
    public static final Topic ACKS = new Topic("acks.v1", 6, false, MONTH, "page id");
    /** Every delivery attempt and its result; key: page id. */
    public static final Topic NOTIFICATIONS = new Topic("notifications.v1", 6, false, MONTH, "page id");
    /** Append-only evidence trail; key: platform id. */
    public static final Topic AUDIT = new Topic("audit.v1", 6, false, YEAR, "platform id");
    /** RTO feasibility of each platform's recovery plan (written by the correlator); key: platform id. */
    public static final Topic FEASIBILITY = new Topic("feasibility.v1", 1, true, null, "platform id");
    /**
     * status-api's downstream webhook subscriptions (secrets encrypted), their delivery status and dead letters; keys:
     * subscription id, {@code <id>/delivery}, {@code <id>/dead-letter/<event id>}.
     */
    public static final Topic SUBSCRIPTIONS =
            new Topic("subscriptions.v1", 1, true, null, "subscription id, <id>/delivery, <id>/dead-letter/<event id>");
    /**
     * health-ingest's poll cursors (last update seen per poller and tracking id), reloaded at start so that a restarted
     * poller neither repeats nor misses an update; key: {@code <poller>|<scope>|<tracking id or resource id>}.
     */
    public static final Topic INGEST_CURSORS =
            new Topic("ingest-cursors.v1", 1, true, null, "poller|scope|tracking id");

    /**
     * DR drills and real DR runs: requests from status-api (start, abandon, accept measurements) and the correlator's
     * drill and run reports; key: drill or run id. Compacted, so the latest report of every drill and run stays: the
     * feasibility check reads measured durations from it.
     */
    public static final Topic DRILLS = new Topic("drills.v1", 1, true, null, "drill id");

    /**
     * The ledger of automated recovery steps' calls (intended, called, outcome), written by the notifier before and
     * after each call so that a restart neither loses nor repeats one; key: the call's idempotency key.
     */
    public static final Topic STEP_ACTIONS = new Topic("step-actions.v1", 1, true, null, "idempotency key");

    /**
     * Which Azure resource types each subscription may create in which regions (the resource providers' locations),
     * written by health-ingest per subscription it watches; key: subscription id. The correlator's readiness check
     * reads it to tell whether every component's service is offered in the secondary region.
     */
    public static final Topic PROVIDER_LOCATIONS = new Topic("provider-locations.v1", 1, true, null, "subscription id");

    /**
     * Whether each platform's automated recovery steps could be called now (endpoints configured, secrets present),
     * written by the notifier that calls them; key: platform id. The correlator's readiness check reads it.
     */
    public static final Topic AUTOMATION_READINESS = new Topic("automation-readiness.v1", 1, true, null, "platform id");

    /** Every topic, in the order of the flow, then the ones added since. */
    public static final List<Topic> ALL = List.of(
            HEALTH_EVENTS,
            HEALTH_EVENTS_DLQ,
            CATALOG,
            COMPONENT_STATUS,
            INCIDENTS,
            DR_DECISIONS,
            HANDOVERS,
            ACKS,
            NOTIFICATIONS,
            AUDIT,
            FEASIBILITY,
            SUBSCRIPTIONS,
            INGEST_CURSORS,
            DRILLS,
            STEP_ACTIONS,
            PROVIDER_LOCATIONS,
            AUTOMATION_READINESS);

    private Topics() {}

    public static Topic byName(String name) {
        return ALL.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such topic: " + name));
    }
}
