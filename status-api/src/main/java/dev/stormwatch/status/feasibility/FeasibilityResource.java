package dev.stormwatch.status.feasibility;

import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RTO-feasibility findings: does each platform's recovery plan fit its RTO. */
@Path("/api/v1/feasibility")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
@Tag(name = "feasibility", description = "RTO feasibility of the recovery plans")
public class FeasibilityResource {

    private final FeasibilityFindings findings;

    public FeasibilityResource(FeasibilityFindings findings) {
        this.findings = findings;
    }

    @GET
    @Operation(summary = "Every platform's RTO-feasibility finding")
    @APIResponse(
            responseCode = "200",
            description = "The findings",
            content = @Content(schema = @Schema(implementation = FeasibilityFinding.class, type = SchemaType.ARRAY)))
    public List<FeasibilityFinding> all() {
        return findings.all();
    }

    @GET
    @Path("/{platformId}")
    @Operation(summary = "One platform's RTO-feasibility finding")
    @APIResponse(
            responseCode = "200",
            description = "The finding",
            content = @Content(schema = @Schema(implementation = FeasibilityFinding.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown platform",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public FeasibilityFinding one(@PathParam("platformId") String platformId) {
        return findings.of(platformId).orElseThrow(() -> ApiError.notFound("no platform '" + platformId + "'"));
    }
}
