package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the ongoing events that hit one component say about it, kept up to date as events go on and end: per region how
 * many events of each impact, the tracking ids behind it, and the incident of the earliest. A status is then read in
 * the same time whether one event or ten thousand hit the component (a regional outage sends one per resource).
 */
public final class ComponentHits {

    private static final ComponentHits NONE = new ComponentHits();

    /** Region → count of ongoing events by {@link Impact} ordinal. */
    private final Map<String, int[]> regions = new HashMap<>();
    /** Tracking id → how many ongoing events carry it. */
    private final TreeMap<String, Integer> labels = new TreeMap<>();
    /** The ongoing events with an incident, by when they went on: the first names the component's incident. */
    private final TreeMap<Long, String> incidents = new TreeMap<>();

    /** What nothing hits. */
    public static ComponentHits none() {
        return NONE;
    }

    void add(String componentId, EventRecord event, long since) {
        count(componentId, event, since, 1);
    }

    void remove(String componentId, EventRecord event, long since) {
        count(componentId, event, since, -1);
    }

    boolean isEmpty() {
        return labels.isEmpty();
    }

    private void count(String componentId, EventRecord event, long since, int delta) {
        Impact impact = event.impact();
        if (impact == Impact.NONE) {
            return;
        }
        Set<String> inRegions = new LinkedHashSet<>();
        for (Hit h : event.hits()) {
            if (h.componentId().equals(componentId)) {
                inRegions.add(h.region());
            }
        }
        if (inRegions.isEmpty()) {
            return;
        }
        for (String region : inRegions) {
            int[] counts = regions.computeIfAbsent(region, r -> new int[Impact.values().length]);
            counts[impact.ordinal()] += delta;
            if (delta < 0 && isZero(counts)) {
                regions.remove(region);
            }
        }
        labels.merge(event.label(), delta, (a, b) -> a + b == 0 ? null : a + b);
        if (event.incidentId() != null) {
            if (delta > 0) {
                incidents.put(since, event.incidentId());
            } else {
                incidents.remove(since);
            }
        }
    }

    private static boolean isZero(int[] counts) {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** The worst impact of the ongoing events in each region they hit the component in. */
    public Map<String, ComponentState> worstByRegion() {
        Map<String, ComponentState> worst = new HashMap<>();
        regions.forEach((region, counts) -> {
            for (int i = counts.length - 1; i > 0; i--) {
                if (counts[i] > 0) {
                    worst.put(region, Impact.values()[i].state());
                    return;
                }
            }
        });
        return worst;
    }

    /** The first {@code limit} tracking ids behind the component, in order. */
    public List<String> labels(int limit) {
        return labels.keySet().stream().limit(limit).toList();
    }

    /** How many tracking ids are behind the component. */
    public int labelCount() {
        return labels.size();
    }

    /** The incident of the earliest ongoing event that hits the component, or null. */
    public String incident() {
        return incidents.isEmpty() ? null : incidents.firstEntry().getValue();
    }
}
