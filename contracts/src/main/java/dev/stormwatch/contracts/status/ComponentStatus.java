package dev.stormwatch.contracts.status;

import java.time.Instant;
import java.util.List;

/**
 * Current status of one component of one platform in one region; key {@code platform/component}. The correlator
 * writes it on every change; {@code causes} are the tracking ids behind it, {@code upstream} the dependencies that
 * put it in {@code impacted-upstream}.
 */
public record ComponentStatus(
        String platformId,
        String componentId,
        String componentName,
        String layer,
        String region,
        ComponentState state,
        List<String> causes,
        List<String> upstream,
        String incidentId,
        Instant since,
        Instant updatedAt) {

    public ComponentStatus {
        causes = causes == null ? List.of() : List.copyOf(causes);
        upstream = upstream == null ? List.of() : List.copyOf(upstream);
    }

    public String key() {
        return key(platformId, componentId);
    }

    public static String key(String platformId, String componentId) {
        return platformId + "/" + componentId;
    }
}
