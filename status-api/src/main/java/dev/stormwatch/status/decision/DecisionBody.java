package dev.stormwatch.status.decision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a DR lead sends with an approval or a decline. */
@Schema(description = "Why, and on what evidence")
public record DecisionBody(
        @Schema(
                required = true,
                description = "Why this choice",
                example = "Microsoft gives no ETA; the RTO clock runs out at 14:40")
        String reason,

        @Schema(
                description = "Evidence: links, ticket numbers, screenshots",
                example = "Azure support ticket 2611220010001234")
        String evidence) {}
