package dev.stormwatch.correlator.platform;

import dev.stormwatch.correlator.match.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A platform's incidents in memory, with the live ones (open or mitigated: the only ones a new event can join). */
final class IncidentIndex {

    private final Map<String, IncidentRecord> incidents = new LinkedHashMap<>();
    private final LiveIncidents live = new LiveIncidents();

    IncidentRecord get(String id) {
        return incidents.get(id);
    }

    List<IncidentRecord> all() {
        return List.copyOf(incidents.values());
    }

    Collection<IncidentRecord> live() {
        return live.all();
    }

    /** See {@link LiveIncidents#candidates}. */
    List<IncidentRecord> groupingCandidates(List<Hit> hits, Instant start, Duration window) {
        return live.candidates(hits, start, window);
    }

    void put(IncidentRecord incident) {
        incidents.put(incident.id(), incident);
        live.put(incident);
    }

    void remove(String id) {
        incidents.remove(id);
        live.remove(id);
    }
}
