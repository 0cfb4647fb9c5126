package dev.stormwatch.status.platform;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.status.Queries;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platforms, their component status by layer and region, and the catalog (DR plan as code) behind them. */
@Path("/api/v1/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "platforms", description = "Platforms, component status, catalogs")
public class PlatformResource {

    private final PlatformBoard board;
    private final PlatformView platforms;
    private final CatalogPublisher publisher;

    public PlatformResource(PlatformBoard board, PlatformView platforms, CatalogPublisher publisher) {
        this.board = board;
        this.platforms = platforms;
        this.publisher = publisher;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Every platform under watch, with its worst component status and open incidents and decisions")
    @APIResponse(
            responseCode = "200",
            description = "The platforms",
            content = @Content(schema = @Schema(implementation = PlatformSummary.class, type = SchemaType.ARRAY)))
    public List<PlatformSummary> list() {
        return board.summaries();
    }

    @GET
    @Path("/{platformId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One platform")
    @APIResponse(
            responseCode = "200",
            description = "The platform",
            content = @Content(schema = @Schema(implementation = PlatformSummary.class)))
    @APIResponse(
            responseCode = "404",
            description = "No catalog for this platform id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public PlatformSummary one(@PathParam("platformId") String platformId) {
        return board.summary(platformId).orElseThrow(() -> unknown(platformId));
    }

    @GET
    @Path("/{platformId}/status")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "Component status by layer (foundation, ingest, store, model, serve) and region",
            description = "Components without a status record are operational. Filter with layer and region.")
    @APIResponse(
            responseCode = "200",
            description = "The grid",
            content = @Content(schema = @Schema(implementation = StatusGrid.class)))
    @APIResponse(
            responseCode = "400",
            description = "Unknown layer or region",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "No catalog for this platform id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public StatusGrid status(
            @PathParam("platformId") String platformId,
            @QueryParam("layer") List<String> layers,
            @QueryParam("region") List<String> regions) {
        StatusGrid grid = board.grid(platformId).orElseThrow(() -> unknown(platformId));
        Queries q = new Queries();
        List<String> wantedLayers = new ArrayList<>();
        for (String l : layers) {
            if (grid.layers().stream().noneMatch(r -> r.layer().equals(l))) {
                q.problem("layer", "'" + l + "' is not one of " + String.join(", ", Component.LAYERS));
            }
            wantedLayers.add(l);
        }
        List<String> wantedRegions = new ArrayList<>();
        for (String r : regions) {
            String canonical = dev.stormwatch.contracts.azure.Regions.canonical(r);
            if (!grid.regions().contains(canonical)) {
                q.problem(
                        "region",
                        "'" + r + "' is not a region of " + platformId + ": " + String.join(", ", grid.regions()));
            }
            wantedRegions.add(canonical);
        }
        q.check();
        List<StatusGrid.LayerRow> rows = grid.layers().stream()
                .filter(r -> wantedLayers.isEmpty() || wantedLayers.contains(r.layer()))
                .map(r -> new StatusGrid.LayerRow(
                        r.layer(),
                        r.components().stream()
                                .map(c -> wantedRegions.isEmpty() ? c : onlyRegions(c, wantedRegions))
                                .toList()))
                .toList();
        return new StatusGrid(
                grid.platformId(),
                wantedRegions.isEmpty() ? grid.regions() : wantedRegions,
                grid.primaryRegion(),
                grid.secondaryRegion(),
                grid.regionNames(),
                rows);
    }

    @GET
    @Path("/{platformId}/catalog")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The platform's catalog as published (contacts and channels included, hence admin only)")
    @APIResponse(
            responseCode = "200",
            description = "The catalog",
            content = @Content(schema = @Schema(implementation = Catalog.class)))
    @APIResponse(
            responseCode = "404",
            description = "No catalog for this platform id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Catalog catalog(@PathParam("platformId") String platformId) {
        return platforms.catalog(platformId).orElseThrow(() -> unknown(platformId));
    }

    @PUT
    @Path("/{platformId}/catalog")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Publish a platform's catalog (YAML) to catalog.v1",
            description = "Validated with the contracts' CatalogLoader; a bad catalog is rejected with every problem, "
                    + "each with its line and path. The correlator, notifier and this service pick the new "
                    + "catalog up from Kafka.")
    @RequestBody(
            description = "The catalog YAML (deploy/catalog/contoso-data-platform.yaml is an example)",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "202",
            description = "Published; the read model shows it within moments",
            content = @Content(schema = @Schema(implementation = CatalogPublisher.Published.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid catalog, with every problem by line and path",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response publish(@PathParam("platformId") String platformId, String yaml) {
        return Response.accepted(publisher.publish(platformId, yaml))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    private static ComponentCell onlyRegions(ComponentCell c, List<String> regions) {
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
        c.regions().forEach((r, s) -> {
            if (regions.contains(r)) {
                kept.put(r, s);
            }
        });
        return new ComponentCell(
                c.id(),
                c.name(),
                c.service(),
                c.layer(),
                c.priority(),
                c.state(),
                kept,
                c.since(),
                c.incidentId(),
                c.causes(),
                c.moreCauses(),
                c.upstream(),
                c.dependsOn());
    }

    private static ApiError unknown(String platformId) {
        return ApiError.notFound("no platform '" + platformId + "': publish its catalog first");
    }
}
