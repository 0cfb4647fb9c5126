package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An incident as a page of the list shows it: what an on-call engineer scans to pick the incident to open. A page is
 * read a hundred incidents at a time and its cost follows its size, so what is long and read one incident at a time
 * stays with the incident ({@code GET /api/v1/incidents/{id}}): the assessment, the timeline (its own resource), and
 * the tracking ids beyond the first {@value #TRACKING_IDS_LISTED} provider incident keys. A regional outage puts one
 * Resource Health event per resource behind an incident, each tracked by its resource id (about 120 characters): those
 * are counted in {@code moreTrackingIds}, never listed, so the list keeps the keys people look up on the provider's
 * status pages, at a tenth of the size.
 */
@Schema(
        description =
                "An incident as the list shows it. GET /api/v1/incidents/{id} has the rest: its assessment and every"
                        + " tracking id; GET /api/v1/incidents/{id}/timeline its timeline")
public record IncidentSummary(
        String id,
        String platformId,
        String title,
        IncidentState state,
        Severity severity,
        List<String> components,
        List<String> regions,

        @Schema(
                description = "The provider's incident keys (Service Health tracking ids such as NA0F-BJG), the first "
                        + TRACKING_IDS_LISTED + " in the incident's order; resource ids are not listed here")
        List<String> trackingIds,

        @Schema(
                description = "How many tracking ids the incident has beyond those listed here: further incident keys"
                        + " and the resource ids of Resource Health events")
        int moreTrackingIds,

        boolean primaryRegionHit,
        boolean readinessRisk,
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

    /** Provider incident keys a summary lists, the first in the incident's order. */
    public static final int TRACKING_IDS_LISTED = 5;

    public static IncidentSummary of(Incident i) {
        List<String> keys = new ArrayList<>(TRACKING_IDS_LISTED);
        for (String tracking : i.trackingIds()) {
            if (keys.size() == TRACKING_IDS_LISTED) {
                break;
            }
            if (!resourceId(tracking)) {
                keys.add(tracking);
            }
        }
        return new IncidentSummary(
                i.id(),
                i.platformId(),
                i.title(),
                i.state(),
                i.severity(),
                i.components(),
                i.regions(),
                keys,
                i.trackingIds().size() - keys.size(),
                i.primaryRegionHit(),
                i.readinessRisk(),
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

    /**
     * True for an Azure resource id ({@code /subscriptions/…}): what a resource availability event without a provider
     * incident is tracked by.
     */
    static boolean resourceId(String trackingId) {
        return trackingId.regionMatches(true, 0, "/subscriptions/", 0, "/subscriptions/".length());
    }
}
