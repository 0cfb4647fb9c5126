package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An incident as the list shows it: every field of the snapshot but its timeline, which can hold hundreds of entries
 * and is served by the incident's own timeline resource.
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

    public static IncidentSummary of(Incident i) {
        return new IncidentSummary(
                i.id(),
                i.platformId(),
                i.title(),
                i.state(),
                i.severity(),
                i.components(),
                i.regions(),
                i.trackingIds(),
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
