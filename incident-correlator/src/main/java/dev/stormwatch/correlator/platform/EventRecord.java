package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.incident.ProviderFacts;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import java.time.Instant;
import java.util.List;

/**
 * The latest version of one provider fact for one platform — one (tracking id, subscription, service, region), or one
 * (tracking id, subscription, resource) — what it hits and the incident it belongs to. {@link ProviderFacts} says how
 * an update is cut into facts.
 *
 * @param key the fact's key ({@link ProviderFacts}); the store key
 * @param event the update as it concerns this fact only: its one (service, region), or its one resource
 * @param lastUpdate the provider's last update time of this fact: an older version never replaces a newer one
 * @param incidentId the incident it is part of
 * @param trackingKey the provider's tracking id (or resource id): what people call the incident by
 * @param subscription the subscription the update came for, lower case; empty when it named none
 * @param services for a resource fact, the (normalized) services its update named: it ends with them
 * @param firstSeen the last update time of the fact's first version: its start when the provider gives none
 * @param outageSeen the fact was an outage at some point: its impact start still counts for the DR deadline after it
 *     ended
 */
public record EventRecord(
        String key,
        String cloudEventId,
        HealthEvent event,
        List<Hit> hits,
        Instant lastUpdate,
        String incidentId,
        boolean drill,
        Instant receivedAt,
        String trackingKey,
        String subscription,
        List<String> services,
        Instant firstSeen,
        boolean outageSeen) {

    public EventRecord {
        hits = hits == null ? List.of() : List.copyOf(hits);
        services = services == null ? List.of() : List.copyOf(services);
        trackingKey = trackingKey == null ? key : trackingKey;
        subscription = subscription == null ? "" : subscription;
        firstSeen = firstSeen == null ? lastUpdate : firstSeen;
    }

    public EventRecord withHits(List<Hit> next) {
        return new EventRecord(
                key,
                cloudEventId,
                event,
                next,
                lastUpdate,
                incidentId,
                drill,
                receivedAt,
                trackingKey,
                subscription,
                services,
                firstSeen,
                outageSeen);
    }

    /**
     * The same fact with the provider's event as now known (a revised impact start, a resolution of its tracking id).
     */
    public EventRecord withEvent(HealthEvent next, Instant updated) {
        return new EventRecord(
                key,
                cloudEventId,
                next,
                hits,
                updated,
                incidentId,
                drill,
                receivedAt,
                trackingKey,
                subscription,
                services,
                firstSeen,
                outageSeen || (!next.synthetic() && Impact.of(next) == Impact.OUTAGE));
    }

    public Impact impact() {
        return event.synthetic() ? Impact.NONE : Impact.of(event);
    }

    public boolean ongoing() {
        return Impact.ongoing(event);
    }

    /** When the impact started as the provider says, else when the fact was first reported. */
    public Instant start() {
        return event.impactStart() != null ? event.impactStart() : firstSeen;
    }

    /** What people call it: the tracking id, else the key. */
    public String label() {
        return event.trackingId() != null && !event.trackingId().isBlank() ? event.trackingId() : trackingKey;
    }

    public boolean hitsRegion(String region) {
        return hits.stream().anyMatch(h -> h.region().equals(region));
    }
}
