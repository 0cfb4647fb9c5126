package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.incident.IncidentState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A platform's incidents in memory, with the live ones (open or mitigated: the only ones a new event can join). */
final class IncidentIndex {

    private final Map<String, IncidentRecord> incidents = new LinkedHashMap<>();
    private final Map<String, IncidentRecord> live = new LinkedHashMap<>();

    IncidentRecord get(String id) {
        return incidents.get(id);
    }

    List<IncidentRecord> all() {
        return List.copyOf(incidents.values());
    }

    Collection<IncidentRecord> live() {
        return Collections.unmodifiableCollection(live.values());
    }

    List<IncidentRecord> liveInOpeningOrder() {
        List<IncidentRecord> all = new ArrayList<>(live.values());
        all.sort(Comparator.comparing((IncidentRecord i) -> i.incident().openedAt())
                .thenComparing(IncidentRecord::id));
        return all;
    }

    void put(IncidentRecord incident) {
        incidents.put(incident.id(), incident);
        IncidentState state = incident.incident().state();
        if (state == IncidentState.OPEN || state == IncidentState.MITIGATED) {
            live.put(incident.id(), incident);
        } else {
            live.remove(incident.id());
        }
    }

    void remove(String id) {
        incidents.remove(id);
        live.remove(id);
    }
}
