package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;

import java.time.Instant;
import java.util.List;

/**
 * The latest version of one provider event (one tracking id, or one resource) for one platform, what it hits and
 * the incident it belongs to.
 *
 * @param key          the event's key: tracking id, or resource id
 * @param lastUpdate   the provider's last update time: an older version never replaces a newer one
 * @param incidentId   the incident it is part of
 */
public record EventRecord(
        String key,
        String cloudEventId,
        HealthEvent event,
        List<Hit> hits,
        Instant lastUpdate,
        String incidentId,
        boolean drill,
        Instant receivedAt) {

    public EventRecord {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }

    public EventRecord withHits(List<Hit> next) {
        return new EventRecord(key, cloudEventId, event, next, lastUpdate, incidentId, drill, receivedAt);
    }

    public Impact impact() {
        return event.synthetic() ? Impact.NONE : Impact.of(event);
    }

    public boolean ongoing() {
        return Impact.ongoing(event);
    }

    /** When the impact started as the provider says, else when it was last updated. */
    public Instant start() {
        return event.impactStart() != null ? event.impactStart() : lastUpdate;
    }

    /** What people call it: the tracking id, else the key. */
    public String label() {
        return event.trackingId() != null && !event.trackingId().isBlank() ? event.trackingId() : key;
    }

    public boolean hitsRegion(String region) {
        return hits.stream().anyMatch(h -> h.region().equals(region));
    }
}
