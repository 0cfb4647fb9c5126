package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An incident as the list shows it: every field of the snapshot but its timeline, which can hold hundreds of entries
 * and is served by the incident's own timeline resource, and with the first {@value #TRACKING_IDS_LISTED} tracking ids
 * only: a regional outage puts one per resource behind an incident, and the list's cost follows its size. The incident
 * itself ({@code GET /api/v1/incidents/{id}}) has them all.
 */
@Schema(description = "An incident without its timeline (GET /api/v1/incidents/{id}/timeline has it)")
public record IncidentSummary(
        String id,
        String platformId,
        String title,
        IncidentState state,
        Severity severity,
        List<String> components,
        List<String> regions,
        List<String> trackingIds,

        @Schema(description = "How many tracking ids the incident has beyond those listed here")
        int moreTrackingIds,

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
        boolean plannedMaintenance,

        @Schema(description = "How many entries the incident's timeline holds")
        int timelineEntries) {

    /** Tracking ids a summary lists, the first in the incident's order. */
    public static final int TRACKING_IDS_LISTED = 20;

    public static IncidentSummary of(Incident i) {
        List<String> tracking = i.trackingIds() == null ? List.of() : i.trackingIds();
        return new IncidentSummary(
                i.id(),
                i.platformId(),
                i.title(),
                i.state(),
                i.severity(),
                i.components(),
                i.regions(),
                tracking.size() > TRACKING_IDS_LISTED ? tracking.subList(0, TRACKING_IDS_LISTED) : tracking,
                Math.max(0, tracking.size() - TRACKING_IDS_LISTED),
                i.primaryRegionHit(),
                i.readinessRisk(),
                i.assessment(),
                i.impactStart(),
                i.openedAt(),
                i.mitigatedAt(),
                i.resolvedAt(),
                i.closedAt(),
                i.updatedAt(),
                i.version(),
                i.drill(),
                i.plannedMaintenance(),
                i.timeline().size());
    }
}
