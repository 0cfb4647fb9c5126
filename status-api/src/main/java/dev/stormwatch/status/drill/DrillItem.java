package dev.stormwatch.status.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A drill as status-api knows it: the DR lead's request and, once the correlator runs it, its latest report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A DR drill: the request and the correlator's latest report")
public record DrillItem(
        String drillId,
        String platformId,

        @Schema(
                description = "requested (not picked up by the correlator yet), invoking, recovering, signing-off, "
                        + "completed, abandoned")
        String state,

        String requestedBy,
        Instant requestedAt,
        String note,

        @Schema(description = "Who asked to abandon it, while the correlator has not confirmed")
        String abandonRequestedBy,

        Instant abandonRequestedAt,

        @Schema(description = "The correlator's report: steps expected and actual, totals, critical path")
        DrillReport report,

        Map<String, String> links) {

    public static final String REQUESTED = "requested";

    static DrillItem of(String drillId, DrillRequest start, DrillRequest abandon, DrillReport report) {
        String platformId = report != null ? report.platformId() : start.platformId();
        String state = report != null && report.state() != null ? report.state().wire() : REQUESTED;
        return new DrillItem(
                drillId,
                platformId,
                state,
                start != null ? start.requestedBy() : report.startedBy(),
                start != null ? start.requestedAt() : report.startedAt(),
                start != null && start.note() != null ? start.note() : report == null ? null : report.note(),
                abandon == null ? null : abandon.requestedBy(),
                abandon == null ? null : abandon.requestedAt(),
                report,
                report != null && report.isRun() ? runLinks(drillId) : links(drillId));
    }

    static Map<String, String> runLinks(String runId) {
        return Map.of(
                "self",
                "/api/v1/runs/" + runId,
                "accept",
                "/api/v1/runs/" + runId + "/accept",
                "report",
                "/api/v1/runs/" + runId + "/report.html",
                "page",
                "/runs/" + runId);
    }

    /** A real DR run's report rather than a drill's. */
    @JsonIgnore
    public boolean isRun() {
        return report != null && report.isRun();
    }

    static Map<String, String> links(String drillId) {
        return Map.of(
                "self",
                "/api/v1/drills/" + drillId,
                "abandon",
                "/api/v1/drills/" + drillId + "/abandon",
                "accept",
                "/api/v1/drills/" + drillId + "/accept",
                "report",
                "/api/v1/drills/" + drillId + "/report.html",
                "page",
                "/drills/" + drillId);
    }

    /** Neither completed nor abandoned, and nobody asked to abandon it. */
    @JsonIgnore
    public boolean running() {
        boolean isFinal =
                report != null && (report.state() == DrillState.COMPLETED || report.state() == DrillState.ABANDONED);
        return !isFinal && abandonRequestedBy == null;
    }

    @JsonIgnore
    Instant startedAtOrEpoch() {
        return requestedAt == null ? Instant.EPOCH : requestedAt;
    }
}
