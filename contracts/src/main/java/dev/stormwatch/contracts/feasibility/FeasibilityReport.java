package dev.stormwatch.contracts.feasibility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a platform's recovery plan can meet its RTO, on {@code feasibility.v1} (compacted, key: platform id). The
 * correlator writes one when it first sees a catalog and on every change of it (SPEC.md, "RTO feasibility").
 *
 * @param catalogFingerprint identifies the catalog content the report was made from
 * @param rto                the platform's recovery time objective
 * @param recoveryTotal      the recovery plan's duration: the critical path with contingency
 * @param slack              RTO minus the plan; negative when the plan cannot meet the RTO
 * @param meetsRto           the plan fits in the RTO
 * @param feasible           no finding at all (RTO and every freshness target met)
 * @param criticalPath       component ids on the critical path, first to recover first
 * @param findings           what does not fit, each with the options the DR plan's authors have
 */
public record FeasibilityReport(
        String platformId,
        String platformName,
        Instant evaluatedAt,
        String catalogFingerprint,
        Duration rto,
        Duration recoveryTotal,
        Duration slack,
        boolean meetsRto,
        boolean feasible,
        List<String> criticalPath,
        List<Finding> findings) {

    public FeasibilityReport {
        criticalPath = criticalPath == null ? List.of() : List.copyOf(criticalPath);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * One way the plan misses a target.
     *
     * @param kind           {@code rto-exceeded} (the plan is longer than the RTO) or {@code freshness-exceeded} (seed
     *                       003: a stage that must be fresh within a time needs its whole upstream recovered within it)
     * @param componentId    for {@code freshness-exceeded}, the component whose freshness target is missed
     * @param summary        the finding in one sentence
     * @param limit          the target: the RTO, or the component's freshness
     * @param needed         what the plan needs: its total, or when the last late component finishes
     * @param overBy         needed minus limit
     * @param lateComponents component ids that finish after the limit, in run order
     * @param options        what can be done about it, in words (seed 000: automate, parallelise, uplift the tier,
     *                       extend the RTO)
     */
    public record Finding(
            String kind,
            String componentId,
            String summary,
            Duration limit,
            Duration needed,
            Duration overBy,
            List<String> lateComponents,
            List<String> options) {

        public static final String RTO_EXCEEDED = "rto-exceeded";
        public static final String FRESHNESS_EXCEEDED = "freshness-exceeded";

        public Finding {
            lateComponents = lateComponents == null ? List.of() : List.copyOf(lateComponents);
            options = options == null ? List.of() : List.copyOf(options);
        }
    }
}
