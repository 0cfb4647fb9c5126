package dev.stormwatch.contracts.event;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.status.ComponentStatus;
import java.util.List;

/**
 * The event types of {@link EventTypes} with the record their data carries: readers decode straight to it, writers can
 * put nothing else under the type. The names stay in {@link EventTypes} (this package sits above the record packages,
 * so that none of them imports it back).
 */
public final class Events {

    public static final EventType<HealthEvent> HEALTH_EVENT = EventType.of(EventTypes.HEALTH_EVENT, HealthEvent.class);
    public static final EventType<RejectedInput> HEALTH_EVENT_REJECTED =
            EventType.of(EventTypes.HEALTH_EVENT_REJECTED, RejectedInput.class);
    public static final EventType<Catalog> CATALOG = EventType.of(EventTypes.CATALOG, Catalog.class);
    public static final EventType<ComponentStatus> COMPONENT_STATUS =
            EventType.of(EventTypes.COMPONENT_STATUS, ComponentStatus.class);
    public static final EventType<Incident> INCIDENT = EventType.of(EventTypes.INCIDENT, Incident.class);
    public static final EventType<Decision> DECISION = EventType.of(EventTypes.DECISION, Decision.class);
    public static final EventType<Decision> DECISION_TAKEN = EventType.of(EventTypes.DECISION_TAKEN, Decision.class);
    public static final EventType<StepStarted> STEP_STARTED = EventType.of(EventTypes.STEP_STARTED, StepStarted.class);
    public static final EventType<Handover> HANDOVER = EventType.of(EventTypes.HANDOVER, Handover.class);
    public static final EventType<Ack> ACK = EventType.of(EventTypes.ACK, Ack.class);
    public static final EventType<Notification> NOTIFICATION =
            EventType.of(EventTypes.NOTIFICATION, Notification.class);
    public static final EventType<AuditRecord> AUDIT = EventType.of(EventTypes.AUDIT, AuditRecord.class);
    public static final EventType<FeasibilityReport> FEASIBILITY =
            EventType.of(EventTypes.FEASIBILITY, FeasibilityReport.class);
    public static final EventType<DrillRequest> DRILL_REQUESTED =
            EventType.of(EventTypes.DRILL_REQUESTED, DrillRequest.class);
    public static final EventType<DrillReport> DRILL = EventType.of(EventTypes.DRILL, DrillReport.class);
    public static final EventType<DrillReport> DR_RUN = EventType.of(EventTypes.DR_RUN, DrillReport.class);
    public static final EventType<DrillReport> DR_RUN_COMPLETED =
            EventType.of(EventTypes.DR_RUN_COMPLETED, DrillReport.class);
    public static final EventType<StepActionEntry> STEP_ACTION =
            EventType.of(EventTypes.STEP_ACTION, StepActionEntry.class);
    public static final EventType<ProviderLocations> PROVIDER_LOCATIONS =
            EventType.of(EventTypes.PROVIDER_LOCATIONS, ProviderLocations.class);
    public static final EventType<AutomationReadiness> AUTOMATION_READINESS =
            EventType.of(EventTypes.AUTOMATION_READINESS, AutomationReadiness.class);

    private static final List<EventType<?>> ALL = List.of(
            HEALTH_EVENT,
            HEALTH_EVENT_REJECTED,
            CATALOG,
            COMPONENT_STATUS,
            INCIDENT,
            DECISION,
            DECISION_TAKEN,
            STEP_STARTED,
            HANDOVER,
            ACK,
            NOTIFICATION,
            AUDIT,
            FEASIBILITY,
            DRILL_REQUESTED,
            DRILL,
            DR_RUN,
            DR_RUN_COMPLETED,
            STEP_ACTION,
            PROVIDER_LOCATIONS,
            AUTOMATION_READINESS);

    private Events() {}

    /** Every type whose data is a record of the contracts. */
    public static List<EventType<?>> all() {
        return ALL;
    }
}
