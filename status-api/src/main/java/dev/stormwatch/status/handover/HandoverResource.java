package dev.stormwatch.status.handover;

import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

/** Handovers to downstream teams. */
@Path("/api/v1/handovers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "handovers", description = "Components handed over to downstream teams")
public class HandoverResource {

    private final HandoverView handovers;

    public HandoverResource(HandoverView handovers) {
        this.handovers = handovers;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Handovers, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The handovers",
            content = @Content(schema = @Schema(implementation = Handover.class, type = SchemaType.ARRAY)))
    public List<Handover> list(
            @Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "Incident id") @QueryParam("incident") String incident,
            @Parameter(description = "Component id") @QueryParam("component") String component) {
        return handovers.all().stream()
                .filter(h -> platform == null || platform.equals(h.platformId()))
                .filter(h -> incident == null || incident.equals(h.incidentId()))
                .filter(h -> component == null || component.equals(h.componentId()))
                .sorted(Comparator.comparing((Handover h) -> h.at() == null ? Instant.MIN : h.at())
                        .reversed())
                .toList();
    }
}
