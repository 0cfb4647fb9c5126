package dev.stormwatch.status.feasibility;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a platform's recovery plan fits its targets: the critical path of the runbook (with contingency) against the
 * RTO, and, from the correlator's report, the data-freshness targets; each miss with the remedies of
 * docs/dr-process.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "RTO feasibility of a platform's recovery plan")
public record FeasibilityFinding(
        String platformId,
        String platformName,

        @Schema(
                description =
                        "correlator: its report on feasibility.v1; catalog: computed here from the catalog until one "
                                + "arrives")
        String source,

        @Schema(description = "No finding at all") boolean feasible,
        @Schema(description = "The plan fits in the RTO") boolean meetsRto,
        @Schema(description = "The RTO, in minutes") long rtoMinutes,

        @Schema(description = "The critical path of the recovery plan with contingency, in minutes")
        long planMinutes,

        @Schema(description = "RTO minus plan, in minutes; negative when the plan cannot meet the RTO")
        long slackMinutes,

        @Schema(description = "One sentence for the dashboard")
        String summary,

        @Schema(description = "The components on the critical path, first to recover first, with their steps")
        List<PathComponent> criticalPath,

        @Schema(description = "What does not fit, each with what can be done")
        List<Item> findings,

        @Schema(description = "When the correlator evaluated it")
        Instant evaluatedAt,

        @Schema(
                description =
                        "Which step durations the check used: catalog-estimates, latest-drill or worst-of-last-drills")
        String basis,

        @Schema(description = "The drills whose measured durations were used, newest first")
        List<String> drillsUsed,

        @Schema(description = "When the platform's last drill was completed; absent: never")
        Instant lastDrillAt,

        @Schema(description = "The plan with the catalog's estimates, in minutes, always shown")
        long estimatedMinutes,

        @Schema(
                description = "The plan with the durations of the latest completed drill or DR run, trusted or not, in "
                        + "minutes; absent: nothing measured yet")
        Long measuredMinutes,

        @Schema(description = "The drill or DR run measuredMinutes comes from")
        String measuredIn,

        @Schema(description = "Drills and DR runs with flagged measurements waiting for a DR lead's acceptance")
        List<String> awaitingAcceptance) {

    /** The basis in words, for the dashboard: which of estimate and measurement the verdict uses, and why. */
    @JsonProperty("basisText")
    public String basisText() {
        return switch (basis == null ? FeasibilityReport.BASIS_ESTIMATES : basis) {
            case FeasibilityReport.BASIS_LATEST_DRILL -> "measured in the latest drill or DR run" + drills();
            case FeasibilityReport.BASIS_WORST_OF_DRILLS -> "worst of the last drills and DR runs" + drills();
            default ->
                awaitingAcceptance != null && !awaitingAcceptance.isEmpty()
                        ? "catalog estimates (the measurements of " + String.join(", ", awaitingAcceptance)
                                + " are flagged and wait for a DR lead's acceptance)"
                        : measuredMinutes == null ? "catalog estimates (no drill measured yet)" : "catalog estimates";
        };
    }

    /** Estimate and measurement side by side, in words, saying which one the verdict uses. */
    @JsonProperty("sideBySideText")
    public String sideBySideText() {
        String estimate = "Estimated plan " + FeasibilityCheck.minutes(java.time.Duration.ofMinutes(estimatedMinutes));
        if (measuredMinutes == null) {
            return estimate + "; nothing measured yet; the verdict uses the estimates";
        }
        boolean usesMeasured = drillsUsed != null && !drillsUsed.isEmpty();
        return estimate + "; measured plan " + FeasibilityCheck.minutes(java.time.Duration.ofMinutes(measuredMinutes))
                + " (" + measuredIn + "); the verdict uses the " + (usesMeasured ? "measurements" : "estimates");
    }

    private String drills() {
        return drillsUsed == null || drillsUsed.isEmpty() ? "" : " (" + String.join(", ", drillsUsed) + ")";
    }

    /** One component of the critical path with its offsets from the moment DR is invoked. */
    public record PathComponent(
            String componentId, String name, long startMinute, long finishMinute, List<PathStep> steps) {}

    /** One runbook step on the critical path. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PathStep(String name, String parallelGroup, long startMinute, long finishMinute) {}

    /** One target the plan misses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            @Schema(
                    description = "rto-exceeded, freshness-exceeded, drill-overdue, steps-never-measured,"
                            + " measurement-flagged, or a readiness finding: service-not-offered,"
                            + " automation-unconfigured, secondary-region-issue, role-uncovered")
            String kind,

            @Schema(description = "For freshness-exceeded and steps-never-measured: the component concerned")
            String componentId,

            String summary,
            @Schema(description = "By how many minutes") long overByMinutes,

            @Schema(description = "Components that finish after the limit, in run order")
            List<String> lateComponents,

            @Schema(description = "Automate, parallelise, uplift the tier, extend the RTO")
            List<String> options) {}
}
