package dev.stormwatch.status.dashboard;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.status.Queries;
import dev.stormwatch.status.decision.DecisionItem;
import dev.stormwatch.status.decision.DecisionResource;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.drill.DrillItem;
import dev.stormwatch.status.drill.DrillView;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.feasibility.FeasibilityFindings;
import dev.stormwatch.status.incident.IncidentView;
import dev.stormwatch.status.platform.PlatformBoard;
import dev.stormwatch.status.platform.PlatformSummary;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The wall screen's data in one call, and the recent timeline on its own. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
@Tag(name = "dashboard", description = "What the wall screen shows")
public class DashboardResource {

    private final PlatformBoard board;
    private final IncidentView incidents;
    private final DecisionView decisions;
    private final FeasibilityFindings feasibility;
    private final DrillView drills;
    private final Timeline timeline;
    private final Clock clock;

    /** How many timeline items each platform's panel carries. */
    static final int PANEL_TIMELINE = 25;
    /** The newest DR runs shown on a panel. */
    static final int PANEL_RUNS = 5;

    public DashboardResource(
            PlatformBoard board,
            IncidentView incidents,
            DecisionView decisions,
            FeasibilityFindings feasibility,
            DrillView drills,
            Timeline timeline,
            Clock clock) {
        this.drills = drills;
        this.board = board;
        this.incidents = incidents;
        this.decisions = decisions;
        this.feasibility = feasibility;
        this.timeline = timeline;
        this.clock = clock;
    }

    @GET
    @Path("/dashboard")
    @Operation(
            summary = "Per platform: the status grid, unresolved incidents, open decisions with time left, RTO "
                    + "feasibility and its own recent timeline; and the recent timeline across the platforms asked for")
    @APIResponse(
            responseCode = "200",
            description = "The dashboard",
            content = @Content(schema = @Schema(implementation = DashboardView.class)))
    public DashboardView dashboard(
            @Parameter(description = "Only these platforms (a wall screen per platform); all when absent")
                    @QueryParam("platform")
                    List<String> platforms) {
        Instant now = clock.instant();
        List<DashboardView.PlatformPanel> panels = board.summaries().stream()
                .filter(p -> platforms.isEmpty() || platforms.contains(p.id()))
                .map(p -> panel(p, now))
                .toList();
        List<TimelineItem> recent = platforms.size() == 1
                ? timeline.recent(platforms.get(0), 25)
                : timeline.recent(null, 200).stream()
                        .filter(i -> platforms.isEmpty() || platforms.contains(i.platformId()))
                        .limit(25)
                        .toList();
        return new DashboardView(now, panels, recent);
    }

    @GET
    @Path("/timeline")
    @Operation(
            summary = "The recent timeline, newest first: incident changes, decisions, pages, acknowledgements, "
                    + "handovers")
    @APIResponse(
            responseCode = "200",
            description = "The timeline",
            content = @Content(schema = @Schema(implementation = TimelineItem.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "Bad limit",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<TimelineItem> timeline(
            @Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "How many (1–1000, default 50)") @QueryParam("limit") Integer limit) {
        Queries q = new Queries();
        int max = q.limit("limit", limit, 50, 1000);
        q.check();
        return timeline.recent(platform, max);
    }

    private DashboardView.PlatformPanel panel(PlatformSummary p, Instant now) {
        // Mitigated by the provider is not over for the platform: it stays on the screen until resolved.
        List<DashboardView.IncidentCard> open = incidents.all().stream()
                .filter(i -> p.id().equals(i.platformId())
                        && (i.state() == IncidentState.OPEN || i.state() == IncidentState.MITIGATED))
                .sorted(Comparator.comparing(Incident::severity, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(DashboardResource::opened))
                .map(i -> card(i, now))
                .toList();
        List<DecisionItem> openDecisions = decisions.all().stream()
                .filter(c ->
                        p.id().equals(c.decision().platformId()) && c.decision().isOpen())
                .map(c -> DecisionItem.of(c.decision(), c.pending(), now))
                .sorted(DecisionResource.ORDER)
                .toList();
        return new DashboardView.PlatformPanel(
                p,
                board.grid(p.id()).orElse(null),
                open,
                openDecisions,
                feasibility.of(p.id()).orElse(null),
                timeline.recent(p.id(), PANEL_TIMELINE),
                drills.runs(p.id()).stream()
                        .limit(PANEL_RUNS)
                        .map(DashboardResource::run)
                        .toList());
    }

    private static DashboardView.RunCard run(DrillItem d) {
        DrillReport r = d.report();
        return new DashboardView.RunCard(
                d.drillId(),
                r.incidentId(),
                d.state(),
                r.drInvokedAt(),
                r.recoveryTime() == null ? null : DurationText.format(r.recoveryTime()),
                r.recoveryTime() == null || r.rto() == null
                        ? null
                        : r.recoveryTime().compareTo(r.rto()) <= 0,
                !r.flaggedSteps().isEmpty() && r.acceptedAt() == null,
                d.links().get("page"));
    }

    private static DashboardView.IncidentCard card(Incident i, Instant now) {
        Instant opened = opened(i);
        return new DashboardView.IncidentCard(
                i.id(),
                i.title(),
                i.severity() == null ? null : i.severity().wire(),
                i.state().wire(),
                opened,
                opened == null ? 0 : Duration.between(opened, now).toSeconds(),
                i.components(),
                i.regions(),
                i.primaryRegionHit(),
                i.readinessRisk(),
                i.assessment(),
                i.drill());
    }

    /** Opening instant of an incident: openedAt, else impact start. */
    private static Instant opened(Incident i) {
        return i.openedAt() != null ? i.openedAt() : i.impactStart() != null ? i.impactStart() : Instant.EPOCH;
    }
}
