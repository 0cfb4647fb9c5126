package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.status.decision.DecisionItem;
import dev.stormwatch.status.page.Page;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One incident with everything that hangs off it: its decisions, the pages sent about it, its handovers. */
@Schema(description = "An incident with its decisions, pages and handovers")
public record IncidentDetail(
        Instant now,
        Incident incident,

        @Schema(description = "Seconds since the incident was opened")
        long ageSeconds,

        List<DecisionItem> decisions,

        @Schema(description = "Pages about the incident or its decisions")
        List<Page> pages,

        List<Handover> handovers) {}
