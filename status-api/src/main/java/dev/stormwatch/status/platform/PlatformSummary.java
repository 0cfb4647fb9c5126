package dev.stormwatch.status.platform;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One platform as the dashboard lists it. */
@Schema(description = "A platform under watch")
public record PlatformSummary(
        String id,
        String name,
        @Schema(description = "Canonical primary region") String primaryRegion,
        @Schema(description = "Canonical secondary region") String secondaryRegion,

        @Schema(description = "redeploy, warm-spare or hot-spare")
        String strategy,

        @Schema(description = "Recovery time objective, e.g. 8h")
        String rto,

        @Schema(description = "Recovery point objective, e.g. 4h")
        String rpo,

        @Schema(description = "Name of the DR lead") String drLead,
        int components,
        @Schema(description = "The worst component status") String worstState,

        @Schema(description = "How many components are in each status")
        Map<String, Integer> states,

        int openIncidents,
        int openDecisions) {}
