package dev.stormwatch.status.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One component in the status grid: its status overall and in every region it runs in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A component's current status")
public record ComponentCell(
        String id,
        String name,
        String service,
        String layer,
        int priority,

        @Schema(
                description = "Status that counts: operational, maintenance, impacted-upstream, degraded, outage, "
                        + "failed-over, recovering")
        String state,

        @Schema(description = "Status per canonical region") Map<String, String> regions,

        @Schema(description = "Since when the component is in this state")
        Instant since,

        String incidentId,

        @Schema(description = "Provider tracking ids behind the status, the first 20 in order")
        List<String> causes,

        @Schema(description = "More tracking ids are behind the status than causes lists")
        boolean moreCauses,

        @Schema(description = "Dependencies that put it in impacted-upstream")
        List<String> upstream,

        List<String> dependsOn) {}
