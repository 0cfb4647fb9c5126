package dev.stormwatch.status.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the evidence trail, with the service that wrote it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Who or what did what to which subject, when")
public record AuditEntry(
        @Schema(description = "CloudEvent id of the audit record")
        String id,

        @Schema(description = "Service that wrote it, e.g. /stormwatch/notifier")
        String source,

        String platformId,
        Instant at,
        String actor,
        String action,
        String subjectId,
        String detail,
        boolean drill) {}
