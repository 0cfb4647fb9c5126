package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.incident.Incident;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Incidents matching a filter, newest first, and the service time (for ages). */
@Schema(description = "Incidents, newest first")
public record IncidentList(Instant now, int count, List<Incident> incidents) {}
