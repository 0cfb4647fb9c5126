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

/** DR drills: the list and each drill's report (JSON, or a downloadable HTML document), and abandoning one. */
@Path("/api/v1/drills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drills", description = "DR drills: rehearse the plan and measure every step")
public class DrillResource {

    private final DrillView drills;
    private final DrillDesk desk;
    private final DrillDocuments documents;
    private final SecurityIdentity identity;

    public DrillResource(DrillView drills, DrillDesk desk, DrillDocuments documents, SecurityIdentity identity) {
        this.drills = drills;
        this.desk = desk;
        this.documents = documents;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "Drills, newest first",
            description = "From drills.v1: each DR lead's request and the correlator's latest report.")
    @APIResponse(
            responseCode = "200",
            description = "The drills",
            content = @Content(schema = @Schema(implementation = DrillItem.class, type = SchemaType.ARRAY)))
    public List<DrillItem> list(@Parameter(description = "Platform id") @QueryParam("platform") String platform) {
        return drills.all(platform);
    }

    @GET
    @Path("/{drillId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One drill with its report")
    @APIResponse(
            responseCode = "200",
            description = "The drill",
            content = @Content(schema = @Schema(implementation = DrillItem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown drill",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DrillItem one(@PathParam("drillId") String drillId) {
        return find(drillId);
    }

    @GET
    @Path("/{drillId}/report.html")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "The drill report as a self-contained HTML document, for the business stakeholders' sign-off",
            description =
                    "Timeline, steps expected and actual, totals against the RTO with the verdict, critical path, "
                            + "evidence trail and a sign-off block. Inline CSS, no scripts. A signed-in browser "
                            + "downloads it with its session cookie.")
    @APIResponse(
            responseCode = "200",
            description = "The report (attachment)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown drill",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    public Response report(@PathParam("drillId") String drillId) {
        DrillItem drill = find(drillId);
        return Response.ok(documents.html(drill, false), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"drill-report-" + drillId + ".html\"")
                .build();
    }

    @POST
    @Path("/{drillId}/abandon")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DR_LEAD)
    @Operation(
            summary = "Abandon a running drill (dr-lead)",
            description = "Writes DRILL_REQUESTED (action abandon) to drills.v1; "
                    + "the correlator closes the drill incident and marks the drill abandoned. Body optional: "
                    + "{\"note\": \"why\"}.")
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
            description = "Unknown drill",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already completed, abandoned, or being abandoned",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response abandon(@PathParam("drillId") String drillId, DrillBody body) {
        return Response.accepted(desk.abandon(drillId, body, Actors.name(identity)))
                .build();
    }

    @POST
    @Path("/{drillId}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DR_LEAD)
    @Operation(
            summary = "Accept the flagged measurements of a completed drill or DR run (dr-lead)",
            description =
                    "A step measured far below its estimate, or completed without evidence, is flagged, and the drill "
                            + "or run does not become the feasibility basis until a DR lead accepts its measurements. "
                            + "Writes DRILL_REQUESTED (action accept) to drills.v1; the correlator records who and "
                            + "when on the report and in the audit trail,"
                            + " and evaluates the feasibility again. Body optional: {\"note\": \"why they can be "
                            + "trusted\"}.")
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
            description = "Unknown drill or run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not completed, nothing flagged, or already accepted",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response accept(@PathParam("drillId") String drillId, DrillBody body) {
        return Response.accepted(desk.accept(drillId, body, Actors.name(identity)))
                .build();
    }

    private DrillItem find(String drillId) {
        return drills.drill(drillId).orElseThrow(() -> ApiError.notFound("no drill '" + drillId + "'"));
    }
}
