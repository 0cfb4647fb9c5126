package dev.stormwatch.correlator.platform;

import dev.stormwatch.correlator.match.Hit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A platform's provider facts in memory, by key, with the indexes the stages read them through: the ones still going on
 * (and by the components they hit), each incident's, and each tracking id's (every subscription, service, region and
 * resource).
 */
final class EventIndex {

    private final Map<String, EventRecord> events = new LinkedHashMap<>();
    private final Map<String, EventRecord> ongoing = new LinkedHashMap<>();
    /** What the ongoing events say about each component they hit, so that a status is read without walking them. */
    private final Map<String, ComponentHits> hitsByComponent = new HashMap<>();
    /** When each ongoing event went on, in {@link #ongoing}'s order (the first cause of a status is the earliest). */
    private final Map<String, Long> ongoingSince = new HashMap<>();

    private long ongoingCount;
    private final Map<String, Map<String, EventRecord>> byIncident = new HashMap<>();
    private final Map<String, Map<String, EventRecord>> byTracking = new HashMap<>();
    /** Told of every component whose ongoing events changed. */
    private final Consumer<String> statusChanged;

    EventIndex(Consumer<String> statusChanged) {
        this.statusChanged = statusChanged;
    }

    EventRecord get(String key) {
        return events.get(key);
    }

    Collection<EventRecord> all() {
        return events.values();
    }

    Collection<EventRecord> ongoing() {
        return ongoing.values();
    }

    List<EventRecord> ofIncident(String incidentId) {
        Map<String, EventRecord> of = byIncident.get(incidentId);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    List<EventRecord> ofTracking(String trackingKey) {
        Map<String, EventRecord> of = byTracking.get(trackingKey);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    /** What the ongoing events that hit this component say about it. */
    ComponentHits hitting(String componentId) {
        return hitsByComponent.getOrDefault(componentId, ComponentHits.none());
    }

    void put(EventRecord event) {
        EventRecord before = events.put(event.key(), event);
        byTracking
                .computeIfAbsent(event.trackingKey(), k -> new LinkedHashMap<>())
                .put(event.key(), event);
        if (before != null
                && before.incidentId() != null
                && !before.incidentId().equals(event.incidentId())) {
            Map<String, EventRecord> old = byIncident.get(before.incidentId());
            if (old != null) {
                old.remove(event.key());
            }
        }
        if (event.incidentId() != null) {
            byIncident
                    .computeIfAbsent(event.incidentId(), k -> new LinkedHashMap<>())
                    .put(event.key(), event);
        }
        unhit(ongoing.get(event.key()));
        if (event.ongoing()) {
            if (ongoing.put(event.key(), event) == null) {
                ongoingSince.put(event.key(), ongoingCount++);
            }
            long since = ongoingSince.get(event.key());
            for (String componentId : componentsOf(event)) {
                hitsByComponent
                        .computeIfAbsent(componentId, k -> new ComponentHits())
                        .add(componentId, event, since);
                statusChanged.accept(componentId);
            }
        } else {
            ongoing.remove(event.key());
            ongoingSince.remove(event.key());
        }
    }

    private void unhit(EventRecord wasOngoing) {
        if (wasOngoing == null) {
            return;
        }
        long since = ongoingSince.get(wasOngoing.key());
        for (String componentId : componentsOf(wasOngoing)) {
            ComponentHits of = hitsByComponent.get(componentId);
            if (of != null) {
                of.remove(componentId, wasOngoing, since);
                if (of.isEmpty()) {
                    hitsByComponent.remove(componentId);
                }
            }
            statusChanged.accept(componentId);
        }
    }

    private static Set<String> componentsOf(EventRecord event) {
        Set<String> components = new LinkedHashSet<>();
        for (Hit h : event.hits()) {
            components.add(h.componentId());
        }
        return components;
    }

    void remove(EventRecord record) {
        events.remove(record.key());
        unhit(ongoing.remove(record.key()));
        ongoingSince.remove(record.key());
        Map<String, EventRecord> of = byIncident.get(record.incidentId());
        if (of != null) {
            of.remove(record.key());
        }
        Map<String, EventRecord> tracking = byTracking.get(record.trackingKey());
        if (tracking != null) {
            tracking.remove(record.key());
            if (tracking.isEmpty()) {
                byTracking.remove(record.trackingKey());
            }
        }
    }

    void forgetIncident(String incidentId) {
        byIncident.remove(incidentId);
    }
}
