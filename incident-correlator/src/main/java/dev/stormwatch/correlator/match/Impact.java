package dev.stormwatch.correlator.match;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.status.ComponentState;

/**
 * What one provider event, as it stands now, does to the components it hits. An active service incident is an outage of
 * what it names whatever its level: Azure publishes most service incidents at level Warning (some Informational), so
 * the level may make an incident more severe but never decides whether it is an outage. Resource availability follows
 * the resource's state (unavailable is an outage); planned maintenance puts a component in maintenance until it
 * completes; health and security advisories change no status.
 */
public enum Impact {
    NONE,
    MAINTENANCE,
    DEGRADED,
    OUTAGE;

    public static Impact of(HealthEvent e) {
        HealthStage stage = e.stage() == null ? HealthStage.ACTIVE : e.stage();
        HealthEventKind kind = e.kind();
        if (kind == null) {
            return NONE;
        }
        return switch (kind) {
            case SERVICE_INCIDENT -> stage == HealthStage.ACTIVE ? OUTAGE : NONE;
            case RESOURCE_AVAILABILITY ->
                stage == HealthStage.ACTIVE || stage == HealthStage.PLANNED
                        ? byAvailability(e.availabilityState())
                        : NONE;
            case PLANNED_MAINTENANCE ->
                stage == HealthStage.PLANNED || stage == HealthStage.ACTIVE ? MAINTENANCE : NONE;
            case HEALTH_ADVISORY, SECURITY_ADVISORY -> NONE;
        };
    }

    /** True while the provider still reports the event as going on (active, planned, resource not available). */
    public static boolean ongoing(HealthEvent e) {
        HealthStage stage = e.stage() == null ? HealthStage.ACTIVE : e.stage();
        if (stage != HealthStage.ACTIVE && stage != HealthStage.PLANNED) {
            return false;
        }
        return e.kind() != HealthEventKind.RESOURCE_AVAILABILITY || byAvailability(e.availabilityState()) != NONE;
    }

    public ComponentState state() {
        return switch (this) {
            case NONE -> ComponentState.OPERATIONAL;
            case MAINTENANCE -> ComponentState.MAINTENANCE;
            case DEGRADED -> ComponentState.DEGRADED;
            case OUTAGE -> ComponentState.OUTAGE;
        };
    }

    private static Impact byAvailability(String state) {
        // Read for every fact each time an incident is assessed: compared in place, without a lower-cased copy.
        String s = state == null ? "" : state.trim();
        if (s.equalsIgnoreCase("available")) {
            return NONE;
        }
        // degraded, unknown, or not said: something is wrong with the resource, not known to be down
        return s.equalsIgnoreCase("unavailable") ? OUTAGE : DEGRADED;
    }
}
