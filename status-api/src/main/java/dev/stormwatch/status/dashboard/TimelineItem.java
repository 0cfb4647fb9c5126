package dev.stormwatch.status.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the recent timeline across incidents, decisions, pages and handovers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Something that happened")
public record TimelineItem(
        Instant at,
        String platformId,

        @Schema(description = "incident, decision, page, ack or handover")
        String kind,

        @Schema(description = "Incident, decision, page or handover id")
        String subjectId,

        String text,
        boolean drill,

        @Schema(
                description = "Whose time `at` is: `provider` (the time the cloud provider stamped on its update) or "
                        + "`stormwatch` (when Stormwatch saw or did it)",
                enumeration = {PROVIDER, STORMWATCH})
        String clock) {

    public static final String PROVIDER = "provider";
    public static final String STORMWATCH = "stormwatch";

    /** An item at Stormwatch's own time. */
    public TimelineItem(Instant at, String platformId, String kind, String subjectId, String text, boolean drill) {
        this(at, platformId, kind, subjectId, text, drill, STORMWATCH);
    }
}
