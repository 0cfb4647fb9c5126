package dev.stormwatch.contracts.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident snapshot on {@code incidents.v1} (compacted, key: incident id): the latest snapshot is the incident.
 *
 * @param primaryRegionHit true when the platform's primary region is impacted
 * @param readinessRisk true when only the secondary region is hit during normal operation: no outage, but the DR target
 *     is not ready
 * @param version increases with every snapshot, so consumers can ignore an older one
 * @param plannedMaintenance every provider event of the incident is planned maintenance: the notifier pages it only in
 *     working hours; one outage or degradation event makes it false for good
 */
public record Incident(
        String id,
        String platformId,
        String title,
        IncidentState state,
        Severity severity,
        List<String> components,
        List<String> regions,
        List<String> trackingIds,
        boolean primaryRegionHit,
        boolean readinessRisk,
        String assessment,
        Instant impactStart,
        Instant openedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        Instant updatedAt,
        long version,
        boolean drill,
        List<TimelineEntry> timeline,
        boolean plannedMaintenance) {

    public Incident {
        components = components == null ? List.of() : List.copyOf(components);
        regions = regions == null ? List.of() : List.copyOf(regions);
        trackingIds = trackingIds == null ? List.of() : List.copyOf(trackingIds);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** An incident that is not (only) planned maintenance. */
    public Incident(
            String id,
            String platformId,
            String title,
            IncidentState state,
            Severity severity,
            List<String> components,
            List<String> regions,
            List<String> trackingIds,
            boolean primaryRegionHit,
            boolean readinessRisk,
            String assessment,
            Instant impactStart,
            Instant openedAt,
            Instant mitigatedAt,
            Instant resolvedAt,
            Instant closedAt,
            Instant updatedAt,
            long version,
            boolean drill,
            List<TimelineEntry> timeline) {
        this(
                id,
                platformId,
                title,
                state,
                severity,
                components,
                regions,
                trackingIds,
                primaryRegionHit,
                readinessRisk,
                assessment,
                impactStart,
                openedAt,
                mitigatedAt,
                resolvedAt,
                closedAt,
                updatedAt,
                version,
                drill,
                timeline,
                false);
    }
}
