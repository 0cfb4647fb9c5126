package dev.stormwatch.status.platform;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A platform's components by layer (foundation, ingest, store, model, serve) and region. */
@Schema(description = "Component status by layer and region")
public record StatusGrid(
        String platformId,

        @Schema(description = "Canonical regions, primary first")
        List<String> regions,

        String primaryRegion,
        String secondaryRegion,

        @Schema(description = "Display name per canonical region, as the catalog writes it (\"Australia East\")")
        Map<String, String> regionNames,

        List<LayerRow> layers) {

    /** The components of one layer, most important first. */
    public record LayerRow(String layer, List<ComponentCell> components) {}
}
