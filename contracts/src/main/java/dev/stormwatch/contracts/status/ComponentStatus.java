package dev.stormwatch.contracts.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Current status of one component of one platform; key {@code platform/component}. The correlator writes it on every
 * change. {@code state} is the status that counts (the primary region's, or the region the platform runs in after a
 * failover); {@code regions} has the status in every region the component runs in, for the dashboard's grid.
 * {@code causes} are the first tracking ids behind it in order (at most 20: a regional outage puts thousands of
 * resources' events behind one component), {@code moreCauses} says there are more; {@code upstream} the dependencies
 * that put it in {@code impacted-upstream}.
 */
public record ComponentStatus(
        String platformId,
        String componentId,
        String componentName,
        String layer,
        ComponentState state,
        Map<String, ComponentState> regions,
        List<String> causes,
        boolean moreCauses,
        List<String> upstream,
        String incidentId,
        Instant since,
        Instant updatedAt) {

    public ComponentStatus {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
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
