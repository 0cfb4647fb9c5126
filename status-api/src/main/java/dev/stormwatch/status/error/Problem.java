package dev.stormwatch.status.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing wrong with a request: where (line and path in a catalog, or a parameter or field name) and what. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One problem with the request")
public record Problem(
        @Schema(description = "1-based line in the request body, when it has lines (catalog YAML)")
        Integer line,

        @Schema(description = "Where: a path such as components[3].dependsOn[0], a field or a query parameter")
        String path,

        @Schema(description = "What is wrong") String message) {}
