package dev.stormwatch.status.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stormwatch.status.decision.DecisionItem;
import dev.stormwatch.status.feasibility.FeasibilityFinding;
import dev.stormwatch.status.platform.PlatformSummary;
import dev.stormwatch.status.platform.StatusGrid;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Everything the wall screen shows, in one answer, with the service time the countdowns start from. */
@Schema(description = "The dashboard's state")
public record DashboardView(Instant now, List<PlatformPanel> platforms, List<TimelineItem> timeline) {

    /**
     * One platform's panel. {@code openIncidents}: the incidents not yet resolved, the provider-mitigated ones included
     * (the platform is still recovering from them); {@code timeline}: this platform's own newest items, so that a quiet
     * platform's history is not pushed out by a busy one's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlatformPanel(
            PlatformSummary platform,
            StatusGrid grid,
            List<IncidentCard> openIncidents,
            List<DecisionItem> openDecisions,
            FeasibilityFinding feasibility,
            List<TimelineItem> timeline,
            List<RunCard> runs) {}

    /** A real DR run of the platform, newest first, with a link to its report page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunCard(
            String id,
            String incidentId,
            String state,
            Instant drInvokedAt,
            String recoveryTime,
            Boolean withinRto,
            boolean flagged,
            String page) {}

    /** An unresolved incident as the wall screen shows it: {@code state} open, or mitigated while still recovering. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentCard(
            String id,
            String title,
            String severity,
            String state,
            Instant openedAt,
            long ageSeconds,
            List<String> components,
            List<String> regions,
            boolean primaryRegionHit,
            boolean readinessRisk,
            String assessment,
            boolean drill) {}
}
