package dev.stormwatch.contracts.health;

import java.time.Instant;
import java.util.List;

/**
 * One normalized health signal, whatever the source. One event per (tracking id, service, subscription), listing every
 * region of that one service (for service issues {@code impacted} names a single service): repeated updates of it are
 * new versions of one event; the same tracking id for another service or subscription is another event.
 *
 * @param source where it came from: {@code azure-monitor}, {@code event-hubs}, {@code activity-log},
 *     {@code event-grid}, {@code resource-health}, {@code emerging-issues} (no subscription), {@code resource-graph},
 *     {@code status-feed}, {@code m365}, {@code canonical}
 * @param trackingId the provider's incident key ({@code NA0F-BJG}, {@code MO226784}); for resource availability without
 *     one, the resource id
 * @param summary plain text (HTML removed)
 * @param level {@code critical}, {@code error}, {@code warning}, {@code informational}
 * @param impacted (service, canonical region) pairs, all of one service
 * @param resourceIds impacted resource ids, lower-cased; for a polled active service issue, what Resource Health's
 *     impacted-resources API names in the subscription
 * @param availabilityState for resource availability: {@code available}, {@code unavailable}, {@code degraded},
 *     {@code unknown}
 * @param synthetic a provider test (action-group "test" button); correlated only when asked to
 */
public record HealthEvent(
        String source,
        HealthEventKind kind,
        String trackingId,
        String title,
        String summary,
        HealthStage stage,
        String level,
        List<ImpactedService> impacted,
        List<String> resourceIds,
        String subscriptionId,
        Instant impactStart,
        Instant impactMitigation,
        Instant lastUpdate,
        String link,
        String availabilityState,
        boolean synthetic) {

    public HealthEvent {
        impacted = impacted == null ? List.of() : List.copyOf(impacted);
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
    }

    /** The Kafka key of {@code health-events.v1}: the tracking id, or the first resource id. */
    public String key() {
        if (trackingId != null && !trackingId.isBlank()) {
            return trackingId;
        }
        return resourceIds.isEmpty() ? "unknown" : resourceIds.get(0);
    }

    /** This event narrowed or widened to {@code impacted} and {@code resourceIds}: what a refining step works out. */
    public HealthEvent withScope(List<ImpactedService> impacted, List<String> resourceIds) {
        return copy(impacted, resourceIds, impactStart, impactMitigation);
    }

    /** This event with the impact start and mitigation the provider last gave for its tracking id. */
    public HealthEvent withTiming(Instant impactStart, Instant impactMitigation) {
        return copy(impacted, resourceIds, impactStart, impactMitigation);
    }

    private HealthEvent copy(
            List<ImpactedService> impacted, List<String> resourceIds, Instant impactStart, Instant impactMitigation) {
        return new HealthEvent(
                source,
                kind,
                trackingId,
                title,
                summary,
                stage,
                level,
                impacted,
                resourceIds,
                subscriptionId,
                impactStart,
                impactMitigation,
                lastUpdate,
                link,
                availabilityState,
                synthetic);
    }
}
