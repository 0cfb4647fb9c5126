package dev.stormwatch.status.decision;

import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.status.Actors;
import dev.stormwatch.status.Queries;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** DR decisions: open and past, with deadlines and time left; approve and decline for DR leads. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "DR decision points and taking them")
public class DecisionResource {

    private final DecisionView decisions;
    private final DecisionDesk desk;
    private final SecurityIdentity identity;
    private final Clock clock;

    public DecisionResource(DecisionView decisions, DecisionDesk desk, SecurityIdentity identity, Clock clock) {
        this.decisions = decisions;
        this.desk = desk;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Decisions, open ones first by deadline, then past ones newest first")
    @APIResponse(
            responseCode = "200",
            description = "The decisions",
            content = @Content(schema = @Schema(implementation = DecisionList.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad filter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DecisionList list(
            @Parameter(
                            description = "open, past (every state but open), or a state: approved, declined, expired, "
                                    + "cancelled; repeatable")
                    @QueryParam("state")
                    List<String> states,
            @Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "Incident id") @QueryParam("incident") String incident) {
        Queries q = new Queries();
        Set<DecisionState> wanted = EnumSet.noneOf(DecisionState.class);
        for (String raw : states) {
            for (String s : raw.split(",")) {
                if (s.equalsIgnoreCase("past")) {
                    wanted.addAll(EnumSet.complementOf(EnumSet.of(DecisionState.OPEN)));
                } else if (!s.isBlank()) {
                    wanted.addAll(q.enums("state", List.of(s), DecisionState.class));
                }
            }
        }
        q.check();
        Instant now = clock.instant();
        List<DecisionItem> items = decisions.all().stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(c.decision().state()))
                .filter(c -> platform == null || platform.equals(c.decision().platformId()))
                .filter(c -> incident == null || incident.equals(c.decision().incidentId()))
                .map(c -> DecisionItem.of(c.decision(), c.pending(), now))
                .sorted(ORDER)
                .toList();
        return new DecisionList(now, items.size(), items);
    }

    @GET
    @Path("/{decisionId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One decision with its deadline and time left")
    @APIResponse(
            responseCode = "200",
            description = "The decision",
            content = @Content(schema = @Schema(implementation = DecisionItem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown decision",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DecisionItem one(@PathParam("decisionId") String decisionId) {
        return decisions
                .current(decisionId)
                .map(c -> DecisionItem.of(c, clock))
                .orElseThrow(() -> ApiError.notFound("no decision '" + decisionId + "'"));
    }

    @POST
    @Path("/{decisionId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.DR_LEAD})
    @Operation(
            summary = "Approve (for invoke-dr: fail over; for a recovery step: completed)",
            description =
                    "Writes DECISION_TAKEN to dr-decisions.v1 and an audit record. dr-lead for every kind; responder "
                            + "for recovery-step decisions only (403 otherwise).")
    @APIResponse(
            responseCode = "202",
            description = "Taken; the correlator confirms it with the next snapshot",
            content = @Content(schema = @Schema(implementation = DecisionItem.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason given",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown decision",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already taken or expired; the body says its state",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response approve(@PathParam("decisionId") String decisionId, DecisionBody body) {
        return Response.accepted(desk.take(
                        decisionId,
                        DecisionState.APPROVED,
                        body,
                        Actors.name(identity),
                        identity.hasRole(Roles.DR_LEAD)))
                .build();
    }

    @POST
    @Path("/{decisionId}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.DR_LEAD})
    @Operation(
            summary = "Decline (for invoke-dr: wait for Microsoft; for a recovery step: it failed)",
            description =
                    "Writes DECISION_TAKEN to dr-decisions.v1 and an audit record. dr-lead for every kind; responder "
                            + "for recovery-step decisions only (403 otherwise).")
    @APIResponse(
            responseCode = "202",
            description = "Taken; the correlator confirms it with the next snapshot",
            content = @Content(schema = @Schema(implementation = DecisionItem.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason given",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown decision",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already taken or expired; the body says its state",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response decline(@PathParam("decisionId") String decisionId, DecisionBody body) {
        return Response.accepted(desk.take(
                        decisionId,
                        DecisionState.DECLINED,
                        body,
                        Actors.name(identity),
                        identity.hasRole(Roles.DR_LEAD)))
                .build();
    }

    @POST
    @Path("/{decisionId}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.DR_LEAD})
    @Operation(
            summary = "Start the runbook step of an open recovery-step decision (responder)",
            description = "Writes STEP_STARTED to dr-decisions.v1 (the correlator records startedBy/startedAt; a drill "
                    + "measures the step from here to its approval) and an audit record. Complete the step by "
                    + "approving the decision. Body optional: {\"via\": \"api\" | \"dashboard\"}.")
    @APIResponse(
            responseCode = "202",
            description = "Started; the correlator confirms it with the next snapshot",
            content = @Content(schema = @Schema(implementation = DecisionItem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown decision",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a recovery step, no longer open, or already started",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response start(@PathParam("decisionId") String decisionId, StepBody body) {
        return Response.accepted(desk.start(decisionId, body, Actors.name(identity)))
                .build();
    }

    /** Open first, soonest deadline first; then the rest, newest first. */
    public static final Comparator<DecisionItem> ORDER = Comparator.comparing(
                    (DecisionItem i) -> !i.decision().isOpen())
            .thenComparing(i -> i.decision().isOpen() ? deadlineOrMax(i) : Instant.MAX)
            .thenComparing(
                    i -> i.decision().raisedAt() == null
                            ? Instant.MIN
                            : i.decision().raisedAt(),
                    Comparator.reverseOrder());

    private static Instant deadlineOrMax(DecisionItem i) {
        return i.decision().deadline() == null ? Instant.MAX : i.decision().deadline();
    }
}
