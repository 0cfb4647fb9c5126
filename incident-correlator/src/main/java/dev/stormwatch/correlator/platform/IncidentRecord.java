package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.correlator.match.Hit;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the correlator keeps it: the snapshot it last wrote, plus what grouping needs.
 *
 * @param footprint every (component, region) its events ever hit
 * @param eventKeys the keys of its events, in the order they joined
 * @param lastImpactStart the latest impact start among its events: the grouping window runs from here
 * @param synthetic made of provider test alerts only; never grouped with real events
 * @param pirReviewed the pir-review decision was approved: closed as soon as it is resolved
 */
public record IncidentRecord(
        Incident incident,
        List<Hit> footprint,
        List<String> eventKeys,
        Instant lastImpactStart,
        boolean synthetic,
        boolean pirReviewed) {

    public IncidentRecord {
        footprint = footprint == null ? List.of() : List.copyOf(footprint);
        eventKeys = eventKeys == null ? List.of() : List.copyOf(eventKeys);
    }

    public String id() {
        return incident.id();
    }
}
