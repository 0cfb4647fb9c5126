package dev.stormwatch.correlator.platform;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform's provider facts in memory, by key, with the indexes the stages read them through: the ones still going
 * on, each incident's, and each tracking id's (every subscription, service, region and resource).
 */
final class EventIndex {

    private final Map<String, EventRecord> events = new LinkedHashMap<>();
    private final Map<String, EventRecord> ongoing = new LinkedHashMap<>();
    private final Map<String, Map<String, EventRecord>> byIncident = new HashMap<>();
    private final Map<String, Map<String, EventRecord>> byTracking = new HashMap<>();

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
        if (event.ongoing()) {
            ongoing.put(event.key(), event);
        } else {
            ongoing.remove(event.key());
        }
    }

    void remove(EventRecord record) {
        events.remove(record.key());
        ongoing.remove(record.key());
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
