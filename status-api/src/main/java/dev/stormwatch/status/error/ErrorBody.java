package dev.stormwatch.status.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every 4xx/5xx answer of /api/v1: never a stack trace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error", description = "Why the request failed")
public record ErrorBody(
        @Schema(description = "HTTP status") int status,

        @Schema(description = "What went wrong, in one sentence")
        String error,

        @Schema(description = "Every problem found, for a request that had several")
        List<Problem> problems,

        @Schema(description = "For a 409 on a decision: its current state (approved, declined, expired, cancelled)")
        String state,

        @Schema(description = "For a 409 on a decision: who took it")
        String decidedBy) {

    public static ErrorBody of(int status, String error) {
        return new ErrorBody(status, error, null, null, null);
    }
}
