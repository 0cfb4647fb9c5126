package dev.stormwatch.status.decision;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a responder started a recovery step; the body is optional. */
@Schema(description = "Optional: how the step was started")
public record StepBody(
        @Schema(description = "api (the default) or dashboard", example = "dashboard")
        String via) {

    static final String API = "api";
    static final List<String> VIAS = List.of(API, "dashboard");
}
