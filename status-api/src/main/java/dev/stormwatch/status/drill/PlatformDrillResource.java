package dev.stormwatch.status.drill;

import dev.stormwatch.status.Actors;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starting a drill of a platform. */
@Path("/api/v1/platforms/{platformId}/drills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drills", description = "DR drills: rehearse the plan and measure every step")
public class PlatformDrillResource {

    private final DrillDesk desk;
    private final SecurityIdentity identity;

    public PlatformDrillResource(DrillDesk desk, SecurityIdentity identity) {
        this.desk = desk;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DR_LEAD)
    @Operation(
            summary = "Start a drill of the platform (dr-lead)",
            description =
                    "Writes DRILL_REQUESTED (action start) to drills.v1, key: the new drill id. The correlator opens "
                            + "the drill incident drill-<drillId> and raises invoke-dr as a drill: the same flow as a "
                            + "real failover,"
                            + " every record marked as a drill. Body optional: {\"note\": \"what is rehearsed\"}.")
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
            description = "Unknown platform",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "A drill of this platform is still running",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response start(@PathParam("platformId") String platformId, DrillBody body) {
        return Response.accepted(desk.start(platformId, body, Actors.name(identity)))
                .build();
    }
}
