package dev.stormwatch.status.incident;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of the incidents matching a filter, newest first, how many match in all, and the service time (for ages).
 * Documents the body the list answers with; the list writes it from each incident's summary, prepared as UTF-8 bytes
 * when its record arrives.
 */
@Schema(description = "Incidents, newest first, as summaries: one page, and how many match in all")
public record IncidentList(Instant now, long count, List<IncidentSummary> incidents) {}
