package dev.stormwatch.contracts.handover;

import java.time.Instant;
import java.util.List;

/**
 * "Component X is recovered in region R, data is current to T, you may start your recovery": on {@code handovers.v1},
 * key {@code platform/component}, emitted in dependency order ({@code order}).
 */
public record Handover(
        String id,
        String platformId,
        String componentId,
        String componentName,
        String region,
        Instant dataTimestamp,
        List<String> consumers,
        int order,
        HandoverReason reason,
        String incidentId,
        Instant at,
        boolean drill) {

    public Handover {
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }
}
