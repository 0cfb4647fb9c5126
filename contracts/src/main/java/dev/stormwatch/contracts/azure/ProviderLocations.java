package dev.stormwatch.contracts.azure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regions in which one subscription may create the resource types the catalogs use, as the Azure Resource Manager
 * resource providers list them (on {@code provider-locations.v1}, key: subscription id).
 *
 * @param subscriptionId the subscription asked
 * @param fetchedAt when the providers answered
 * @param regionsByType resource type ({@link ServiceResourceTypes#key}) → canonical regions; a type the providers did
 *     not list at all is absent
 */
public record ProviderLocations(String subscriptionId, Instant fetchedAt, Map<String, List<String>> regionsByType) {

    public ProviderLocations {
        regionsByType = regionsByType == null ? Map.of() : new TreeMap<>(regionsByType);
    }

    /** Whether the subscription lists {@code resourceType} at all. */
    public boolean lists(String resourceType) {
        return regionsByType.containsKey(ServiceResourceTypes.key(resourceType));
    }

    /** Whether {@code resourceType} is offered in {@code region} (canonical); a type with no locations is global. */
    public boolean offers(String resourceType, String region) {
        List<String> regions = regionsByType.get(ServiceResourceTypes.key(resourceType));
        return regions != null && (regions.isEmpty() || regions.contains(region));
    }
}
