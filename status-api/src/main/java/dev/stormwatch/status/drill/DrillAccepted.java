package dev.stormwatch.status.drill;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a drill request: the drill's id and where to follow it. */
@Schema(description = "A drill request written to drills.v1; the correlator acts on it")
public record DrillAccepted(String drillId, String platformId, String action, Map<String, String> links) {}
