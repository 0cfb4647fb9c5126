package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.match.ComponentMatcher;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every platform's catalog, indexed so that an event finds the platforms it may hit without trying them all: by
 * normalized service name and by resource id. The platform's own {@link ComponentMatcher} then decides (regions,
 * subscriptions).
 */
public final class RoutingIndex {

    private final Map<String, ComponentMatcher> matchers = new HashMap<>();
    private final Map<String, Set<String>> byService = new HashMap<>();
    private final Map<String, Set<String>> byResource = new HashMap<>();

    /** Adds a platform's catalog, replacing the one it had. */
    public void put(Catalog catalog) {
        String platformId = catalog.platformId();
        remove(platformId);
        matchers.put(platformId, ComponentMatcher.of(catalog));
        for (Component c : catalog.components()) {
            for (String name : ComponentMatcher.serviceNames(c)) {
                byService.computeIfAbsent(name, k -> new TreeSet<>()).add(platformId);
            }
            for (String id : c.resourceIds()) {
                byResource
                        .computeIfAbsent(ComponentMatcher.resourceKey(id), k -> new TreeSet<>())
                        .add(platformId);
            }
        }
    }

    public void remove(String platformId) {
        if (matchers.remove(platformId) == null) {
            return;
        }
        byService.values().forEach(s -> s.remove(platformId));
        byResource.values().forEach(s -> s.remove(platformId));
        byService.values().removeIf(Set::isEmpty);
        byResource.values().removeIf(Set::isEmpty);
    }

    public boolean contains(String platformId) {
        return matchers.containsKey(platformId);
    }

    /** The platforms the event hits at least one component of, in platform id order. */
    public List<String> platformsHitBy(HealthEvent event) {
        Set<String> candidates = new TreeSet<>();
        for (ImpactedService pair : event.impacted()) {
            Set<String> platforms = byService.get(ServiceNames.normalize(pair.service()));
            if (platforms != null) {
                candidates.addAll(platforms);
            }
        }
        for (String id : event.resourceIds()) {
            for (String candidate : ComponentMatcher.resourceAndParents(id)) {
                Set<String> platforms = byResource.get(candidate);
                if (platforms != null) {
                    candidates.addAll(platforms);
                }
            }
        }
        Set<String> hit = new LinkedHashSet<>();
        for (String platformId : candidates) {
            if (!matchers.get(platformId).match(event).isEmpty()) {
                hit.add(platformId);
            }
        }
        return List.copyOf(hit);
    }
}
