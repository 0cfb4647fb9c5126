package dev.stormwatch.status.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page: who was paged about what, when, on which channel, with what result, and who acknowledged it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A page and every delivery attempt of it")
public record Page(
        String pageId,
        String platformId,

        @Schema(description = "Incident or decision id the page is about")
        String subjectId,

        @Schema(description = "What kind of subject: incident or decision")
        String kind,

        @Schema(description = "Escalation level") int level,
        boolean drill,
        Instant firstAttemptAt,
        Instant lastAttemptAt,

        @Schema(description = "Contacts that at least one attempt reached")
        List<String> delivered,

        List<Attempt> attempts,

        @Schema(description = "Who acknowledged, absent while unacknowledged")
        Acknowledgement acknowledged) {

    /** One delivery attempt to one contact on one channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(
            String contactId,
            String channel,
            @Schema(description = "Redacted address") String target,
            int attempt,

            @Schema(description = "delivered, failed or skipped")
            String result,

            String error,
            Instant at) {}

    /** The acknowledgement of a page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acknowledgement(
            String by,
            String contactId,
            @Schema(description = "link, api or dashboard") String via,
            Instant at) {}
}
