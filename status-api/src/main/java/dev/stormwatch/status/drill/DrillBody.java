package dev.stormwatch.status.drill;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a DR lead may say when starting or abandoning a drill. */
@Schema(description = "Optional note: what is rehearsed and why, or why it is abandoned")
public record DrillBody(
        @Schema(
                description = "At most 4000 characters",
                example = "Annual DR test of the storage layer, DR test subscription")
        String note) {}
