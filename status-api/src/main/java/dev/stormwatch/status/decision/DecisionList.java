package dev.stormwatch.status.decision;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Decisions and the service time the time-left figures were computed at. */
@Schema(description = "Decisions, soonest deadline first")
public record DecisionList(Instant now, int count, List<DecisionItem> decisions) {}
