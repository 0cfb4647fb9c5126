package dev.stormwatch.status.drill;

import dev.stormwatch.status.Actors;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Real DR runs: every failover from DR invoked to business sign-off, with the same report as a drill (JSON, or a
 * downloadable HTML document), and accepting its flagged measurements.
 */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Real DR runs: the recovery as it ran, against the RTO")
public class RunResource {

    private final DrillView drills;
    private final DrillDesk desk;
    private final DrillDocuments documents;
    private final SecurityIdentity identity;

    public RunResource(DrillView drills, DrillDesk desk, DrillDocuments documents, SecurityIdentity identity) {
        this.drills = drills;
        this.desk = desk;
        this.documents = documents;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "Real DR runs, newest first",
            description = "From drills.v1: the correlator's latest report of each run.")
    @APIResponse(
            responseCode = "200",
            description = "The runs",
            content = @Content(schema = @Schema(implementation = DrillItem.class, type = SchemaType.ARRAY)))
    public List<DrillItem> list(@Parameter(description = "Platform id") @QueryParam("platform") String platform) {
        return drills.runs(platform);
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One DR run with its report")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = DrillItem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DrillItem one(@PathParam("runId") String runId) {
        return find(drills, runId);
    }

    @GET
    @Path("/{runId}/report.html")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "The DR run report as a self-contained HTML document, for the business stakeholders' sign-off",
            description = "Timeline, steps expected and actual, the recovery time from DR invoked to business sign-off "
                    + "against the RTO, critical path as run, evidence trail and sign-off lines. Inline CSS, "
                    + "no scripts.")
    @APIResponse(
            responseCode = "200",
            description = "The report (attachment)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    public Response report(@PathParam("runId") String runId) {
        return Response.ok(documents.html(find(drills, runId), false), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"dr-run-report-" + runId + ".html\"")
                .build();
    }

    @POST
    @Path("/{runId}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DR_LEAD)
    @Operation(
            summary = "Accept the flagged measurements of a completed DR run (dr-lead)",
            description = "As for a drill: the run's measurements become the feasibility basis only once accepted.")
    @APIResponse(
            responseCode = "202",
            description = "Requested",
            content = @Content(schema = @Schema(implementation = DrillAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not completed, nothing flagged, or already accepted",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response accept(@PathParam("runId") String runId, DrillBody body) {
        find(drills, runId);
        return Response.accepted(desk.accept(runId, body, Actors.name(identity)))
                .build();
    }

    static DrillItem find(DrillView drills, String runId) {
        return drills.drill(runId)
                .filter(DrillItem::isRun)
                .orElseThrow(() -> ApiError.notFound("no DR run '" + runId + "'"));
    }
}
