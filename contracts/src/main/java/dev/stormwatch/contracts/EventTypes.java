package dev.stormwatch.contracts;

/**
 * CloudEvent {@code type} values, {@code dev.stormwatch.<name>.v1}, in one place; {@code event.Events} binds each to
 * the record its data carries.
 */
public final class EventTypes {

    public static final String HEALTH_EVENT = "dev.stormwatch.health-event.v1";
    public static final String HEALTH_EVENT_REJECTED = "dev.stormwatch.health-event-rejected.v1";
    public static final String CATALOG = "dev.stormwatch.catalog.v1";
    public static final String COMPONENT_STATUS = "dev.stormwatch.component-status.v1";
    public static final String INCIDENT = "dev.stormwatch.incident.v1";
    /** A decision snapshot, written by the correlator, which owns the decision's state. */
    public static final String DECISION = "dev.stormwatch.decision.v1";
    /**
     * A person approved or declined a decision (written by status-api to {@code dr-decisions.v1}, data: the Decision
     * with its new state, decidedBy, reason, evidence). The correlator applies it and writes the next snapshot, so that
     * a reminder it writes at the same moment cannot undo the decision.
     */
    public static final String DECISION_TAKEN = "dev.stormwatch.decision-taken.v1";
    /**
     * A responder started a recovery step (written by status-api to {@code dr-decisions.v1}, key: decision id, data:
     * StepStarted). The correlator records the start on the decision; approving the decision completes the step.
     */
    public static final String STEP_STARTED = "dev.stormwatch.step-started.v1";

    public static final String HANDOVER = "dev.stormwatch.handover.v1";
    public static final String ACK = "dev.stormwatch.ack.v1";
    public static final String NOTIFICATION = "dev.stormwatch.notification.v1";
    public static final String AUDIT = "dev.stormwatch.audit.v1";
    /** A platform's RTO feasibility report (data: FeasibilityReport), written by the correlator. */
    public static final String FEASIBILITY = "dev.stormwatch.feasibility.v1";
    /** A downstream webhook subscription on subscriptions.v1 (written by status-api; its secret encrypted). */
    public static final String SUBSCRIPTION = "dev.stormwatch.subscription.v1";
    /** A subscription's delivery status: delivered and dead-lettered counts, last error. */
    public static final String SUBSCRIPTION_DELIVERY = "dev.stormwatch.subscription-delivery.v1";
    /** An event a subscription could not deliver within its attempts, with the last error. */
    public static final String SUBSCRIPTION_DEAD_LETTER = "dev.stormwatch.subscription-dead-letter.v1";
    /** A health-ingest poll cursor on ingest-cursors.v1: the last update a poller saw for one tracking id. */
    public static final String INGEST_CURSOR = "dev.stormwatch.ingest-cursor.v1";

    /** A DR lead asked to start or abandon a drill (data: DrillRequest on drills.v1), written by status-api. */
    public static final String DRILL_REQUESTED = "dev.stormwatch.drill-requested.v1";
    /** A drill's report so far (data: DrillReport on drills.v1), written by the correlator. */
    public static final String DRILL = "dev.stormwatch.drill.v1";
    /**
     * A real DR run's report so far (data: DrillReport of kind dr-run on drills.v1, key: run id), written by the
     * correlator from DR invoked to business sign-off: the same shape as a drill's.
     */
    public static final String DR_RUN = "dev.stormwatch.dr-run.v1";
    /**
     * A real DR run is over for the business (data: DrillReport of kind dr-run, final numbers), on handovers.v1 for
     * downstream subscribers beside the handovers it came with; key: platform id.
     */
    public static final String DR_RUN_COMPLETED = "dev.stormwatch.dr-run-completed.v1";

    /**
     * One entry of an automated step's call ledger (data: StepActionEntry on step-actions.v1, key: idempotency key),
     * written by the notifier: intended before the call, called after it, then the outcome.
     */
    public static final String STEP_ACTION = "dev.stormwatch.step-action.v1";

    /**
     * The resource types one subscription may create and their regions (data: ProviderLocations on
     * provider-locations.v1, key: subscription id), written by health-ingest.
     */
    public static final String PROVIDER_LOCATIONS = "dev.stormwatch.provider-locations.v1";

    /**
     * Whether a platform's automated steps could be called now (data: AutomationReadiness on automation-readiness.v1,
     * key: platform id), written by the notifier.
     */
    public static final String AUTOMATION_READINESS = "dev.stormwatch.automation-readiness.v1";

    private EventTypes() {}
}
