package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.status.Queries;
import dev.stormwatch.status.audit.AuditEntry;
import dev.stormwatch.status.audit.AuditView;
import dev.stormwatch.status.decision.DecisionItem;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.page.Page;
import dev.stormwatch.status.page.PageView;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Incidents with their timelines, decisions, pages, handovers and audit trail. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
@Tag(name = "incidents", description = "Incidents and what hangs off them")
public class IncidentResource {

    private final IncidentView incidents;
    private final DecisionView decisions;
    private final PageView pages;
    private final HandoverView handovers;
    private final AuditView audit;
    private final Clock clock;

    public IncidentResource(
            IncidentView incidents,
            DecisionView decisions,
            PageView pages,
            HandoverView handovers,
            AuditView audit,
            Clock clock) {
        this.incidents = incidents;
        this.decisions = decisions;
        this.pages = pages;
        this.handovers = handovers;
        this.audit = audit;
        this.clock = clock;
    }

    /** Response header with the cursor of the next page; absent on the last page. */
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @GET
    @Operation(
            summary = "Incidents, newest first, a page at a time, as summaries",
            description = "since/until select incidents opened in [since, until). Each page but the last names the next"
                    + " in the " + NEXT_CURSOR + " header and a Link header with rel=\"next\"; count is how many"
                    + " incidents match in all. A page is scanned to pick an incident, so each incident is a summary"
                    + " of what that takes: id, platform, title, state, severity, components, regions, flags, times,"
                    + " the first provider incident keys and counts of the rest. The incident has the rest:"
                    + " /api/v1/incidents/{id} its assessment, every tracking id (resource ids included), its"
                    + " decisions, pages and handovers; /api/v1/incidents/{id}/timeline its timeline.")
    @APIResponse(
            responseCode = "200",
            description = "The incidents",
            headers = {
                @Header(
                        name = NEXT_CURSOR,
                        description = "Cursor of the next page; absent on the last page",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Link",
                        description = "URL of the next page, rel=\"next\"",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = IncidentList.class)))
    @APIResponse(
            responseCode = "400",
            description = "A filter value, page size or cursor is not valid; every bad one is listed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response list(
            @Parameter(description = "open, mitigated, resolved, closed; repeatable or comma-separated")
                    @QueryParam("state")
                    List<String> state,
            @Parameter(description = "sev1 … sev4; repeatable or comma-separated") @QueryParam("severity")
                    List<String> severity,
            @Parameter(description = "Platform id; repeatable") @QueryParam("platform") List<String> platform,
            @Parameter(description = "Opened at or after this instant (ISO-8601)") @QueryParam("since") String since,
            @Parameter(description = "Opened before this instant (ISO-8601)") @QueryParam("until") String until,
            @Parameter(description = "true: drills only; false: real incidents only; absent: both") @QueryParam("drill")
                    Boolean drill,
            @Parameter(description = "Page size, 1 to " + MAX_PAGE + "; default " + DEFAULT_PAGE) @QueryParam("limit")
                    Integer limit,
            @Parameter(description = "Cursor from the " + NEXT_CURSOR + " header of the previous page")
                    @QueryParam("after")
                    String after,
            @Context UriInfo uri) {
        Queries q = new Queries();
        Set<IncidentState> states = q.enums("state", state, IncidentState.class);
        Set<Severity> severities = q.enums("severity", severity, Severity.class);
        Instant from = q.instant("since", since);
        Instant to = q.instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            q.problem("until", "must be after since");
        }
        int max = q.limit("limit", limit, DEFAULT_PAGE, MAX_PAGE);
        IncidentView.Position cursor = null;
        if (after != null) {
            cursor = IncidentView.Position.ofCursor(after).orElse(null);
            if (cursor == null) {
                q.problem(
                        "after",
                        "'" + after + "' is not a cursor this API gave out; use the " + NEXT_CURSOR
                                + " header of a page");
            }
        }
        q.check();
        IncidentView.Slice slice = incidents.slice(
                new IncidentFilter(states, severities, Set.copyOf(platform), from, to, drill), cursor, max);
        Response.ResponseBuilder ok = Response.ok(body(clock.instant(), slice), MediaType.APPLICATION_JSON_TYPE);
        if (slice.last() != null) {
            String next = slice.last().cursor();
            ok.header(NEXT_CURSOR, next)
                    .link(
                            uri.getRequestUriBuilder()
                                    .replaceQueryParam("after", next)
                                    .build(),
                            "next");
        }
        return ok.build();
    }

    /**
     * The list's body ({@link IncidentList}) in one array: the summaries were written as UTF-8 JSON when their records
     * arrived, so a page is sized, then filled with one copy of each.
     */
    static byte[] body(Instant now, IncidentView.Slice slice) {
        // An Instant's text is its ISO-8601 form, as the JSON codec writes it.
        byte[] head = ("{\"now\":\"" + now + "\",\"count\":" + slice.total() + ",\"incidents\":[")
                .getBytes(StandardCharsets.UTF_8);
        List<IncidentView.Listed> page = slice.incidents();
        int size = head.length + Math.max(0, page.size() - 1) + 2;
        for (IncidentView.Listed listed : page) {
            size += listed.summary().length;
        }
        byte[] body = new byte[size];
        System.arraycopy(head, 0, body, 0, head.length);
        int at = head.length;
        for (int n = 0; n < page.size(); n++) {
            if (n > 0) {
                body[at++] = ',';
            }
            byte[] summary = page.get(n).summary();
            System.arraycopy(summary, 0, body, at, summary.length);
            at += summary.length;
        }
        body[at++] = ']';
        body[at] = '}';
        return body;
    }

    @GET
    @Path("/{incidentId}")
    @Operation(summary = "One incident with its decisions, pages and handovers")
    @APIResponse(
            responseCode = "200",
            description = "The incident",
            content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown incident",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public IncidentDetail one(@PathParam("incidentId") String incidentId) {
        Incident incident = find(incidentId);
        Instant now = clock.instant();
        List<DecisionItem> items = decisions.forIncident(incidentId).stream()
                .map(c -> DecisionItem.of(c.decision(), c.pending(), now))
                .toList();
        long age = opened(incident) == null
                ? 0
                : Duration.between(opened(incident), now).toSeconds();
        return new IncidentDetail(now, incident, age, items, pagesOf(incidentId), handoversOf(incidentId));
    }

    @GET
    @Path("/{incidentId}/timeline")
    @Operation(summary = "The incident's timeline, oldest first")
    @APIResponse(
            responseCode = "200",
            description = "The timeline",
            content = @Content(schema = @Schema(implementation = TimelineEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown incident",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<TimelineEntry> timeline(@PathParam("incidentId") String incidentId) {
        return find(incidentId).timeline().stream()
                .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    @GET
    @Path("/{incidentId}/pages")
    @Operation(summary = "Who was paged about the incident and its decisions, when, on which channel, who acknowledged")
    @APIResponse(
            responseCode = "200",
            description = "The pages",
            content = @Content(schema = @Schema(implementation = Page.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown incident",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<Page> pages(@PathParam("incidentId") String incidentId) {
        find(incidentId);
        return pagesOf(incidentId);
    }

    @GET
    @Path("/{incidentId}/audit")
    @Operation(
            summary = "The audit trail of one incident, oldest first",
            description =
                    "Every audit record about the incident, its decisions, the pages about either, and its handovers.")
    @APIResponse(
            responseCode = "200",
            description = "The trail",
            content = @Content(schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown incident",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<AuditEntry> audit(@PathParam("incidentId") String incidentId) {
        find(incidentId);
        Set<String> subjects = subjectsOf(incidentId);
        pagesOf(incidentId).forEach(p -> subjects.add(p.pageId()));
        handoversOf(incidentId).forEach(h -> subjects.add(h.id()));
        return audit.matching(e -> e.subjectId() != null && subjects.contains(e.subjectId())).stream()
                .sorted(Comparator.comparing(AuditEntry::at, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private Set<String> subjectsOf(String incidentId) {
        Set<String> subjects = new HashSet<>();
        subjects.add(incidentId);
        decisions.forIncident(incidentId).forEach(c -> subjects.add(c.decision().id()));
        return subjects;
    }

    private List<Page> pagesOf(String incidentId) {
        Set<String> subjects = subjectsOf(incidentId);
        return pages.all().stream()
                .filter(p -> subjects.contains(p.subjectId()))
                .sorted(Comparator.comparing(Page::firstAttemptAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private List<Handover> handoversOf(String incidentId) {
        return handovers.all().stream()
                .filter(h -> incidentId.equals(h.incidentId()))
                .sorted(Comparator.comparing(Handover::order))
                .toList();
    }

    private Incident find(String incidentId) {
        return incidents.incident(incidentId).orElseThrow(() -> ApiError.notFound("no incident '" + incidentId + "'"));
    }

    private static Instant opened(Incident i) {
        return IncidentView.opened(i);
    }
}
