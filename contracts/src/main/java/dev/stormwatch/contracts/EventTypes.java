package dev.stormwatch.contracts;

/** CloudEvent {@code type} values, {@code dev.stormwatch.<name>.v1}, in one place. */
public final class EventTypes {

    public static final String HEALTH_EVENT = "dev.stormwatch.health-event.v1";
    public static final String HEALTH_EVENT_REJECTED = "dev.stormwatch.health-event-rejected.v1";
    public static final String CATALOG = "dev.stormwatch.catalog.v1";
    public static final String COMPONENT_STATUS = "dev.stormwatch.component-status.v1";
    public static final String INCIDENT = "dev.stormwatch.incident.v1";
    public static final String DECISION = "dev.stormwatch.decision.v1";
    public static final String HANDOVER = "dev.stormwatch.handover.v1";
    public static final String ACK = "dev.stormwatch.ack.v1";
    public static final String NOTIFICATION = "dev.stormwatch.notification.v1";
    public static final String AUDIT = "dev.stormwatch.audit.v1";

    private EventTypes() {
    }
}
