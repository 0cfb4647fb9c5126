package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.match.ComponentMatcher;
import dev.stormwatch.correlator.match.MatchKeys;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every platform's catalog, indexed so that an event finds the platforms it may hit without trying them all: by
 * normalized service name and region (a pair naming no region, or "global", by service name alone) and by resource id.
 * The platform's own {@link ComponentMatcher} then decides (subscriptions, resources). Hundreds of platforms use
 * Storage; an outage of it in one region must not try every one of them.
 */
public final class RoutingIndex {

    private final Map<String, ComponentMatcher> matchers = new HashMap<>();
    private final Map<String, Set<String>> byService = new HashMap<>();
    private final Map<MatchKeys.Pair, Set<String>> byServiceInRegion = new HashMap<>();
    private final Map<String, Set<String>> byResource = new HashMap<>();

    /** Adds a platform's catalog, replacing the one it had. */
    public void put(Catalog catalog) {
        String platformId = catalog.platformId();
        remove(platformId);
        ComponentMatcher matcher = ComponentMatcher.of(catalog);
        matchers.put(platformId, matcher);
        for (Component c : catalog.components()) {
            for (String name : ComponentMatcher.serviceNames(c)) {
                byService.computeIfAbsent(name, k -> new TreeSet<>()).add(platformId);
                for (String region : matcher.regionsOf(c.id())) {
                    byServiceInRegion
                            .computeIfAbsent(new MatchKeys.Pair(name, region), k -> new TreeSet<>())
                            .add(platformId);
                }
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
        for (Map<?, Set<String>> index : List.of(byService, byServiceInRegion, byResource)) {
            index.values().forEach(s -> s.remove(platformId));
            index.values().removeIf(Set::isEmpty);
        }
    }

    public boolean contains(String platformId) {
        return matchers.containsKey(platformId);
    }

    /** The platforms the event hits at least one component of, in platform id order. */
    public List<String> platformsHitBy(HealthEvent event) {
        MatchKeys keys = MatchKeys.of(event);
        Set<String> candidates = new TreeSet<>();
        for (MatchKeys.Pair pair : keys.pairs()) {
            Set<String> platforms = pair.everyRegion() ? byService.get(pair.service()) : byServiceInRegion.get(pair);
            if (platforms != null) {
                candidates.addAll(platforms);
            }
        }
        for (List<String> resource : keys.resources()) {
            for (String candidate : resource) {
                Set<String> platforms = byResource.get(candidate);
                if (platforms != null) {
                    candidates.addAll(platforms);
                }
            }
        }
        Set<String> hit = new LinkedHashSet<>();
        for (String platformId : candidates) {
            if (!matchers.get(platformId).match(keys).isEmpty()) {
                hit.add(platformId);
            }
        }
        return List.copyOf(hit);
    }
}
