package dev.stormwatch.contracts.feasibility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a platform's recovery plan can meet its RTO, on {@code feasibility.v1} (compacted, key: platform id). The
 * correlator writes one when it first sees a catalog and on every change of it (docs/dr-process.md, "The RTO
 * arithmetic").
 *
 * @param catalogFingerprint identifies the catalog content the report was made from
 * @param rto the platform's recovery time objective
 * @param recoveryTotal the recovery plan's duration: the critical path with contingency
 * @param slack RTO minus the plan; negative when the plan cannot meet the RTO
 * @param meetsRto the plan fits in the RTO
 * @param feasible no finding at all (RTO and every freshness target met)
 * @param criticalPath component ids on the critical path, first to recover first
 * @param findings what does not fit, each with the options the DR plan's authors have
 * @param basis which step durations the check used: {@code catalog-estimates}, {@code latest-drill} or
 *     {@code worst-of-last-drills} (then {@code drillsUsed} names the drills)
 * @param drillsUsed the drill ids whose measured durations were used, newest first
 * @param lastDrillAt when the platform's last drill was completed (null: never)
 * @param estimatedTotal the plan with the catalog's estimates, always, beside what was measured
 * @param measuredTotal the plan with the step durations of the latest completed drill or DR run, trusted or not (null:
 *     nothing measured yet)
 * @param measuredIn the drill or run id {@code measuredTotal} comes from
 * @param awaitingAcceptance drill or run ids whose measurements are flagged and wait for a DR lead's acceptance: they
 *     are not used until then
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
        List<Finding> findings,
        String basis,
        List<String> drillsUsed,
        Instant lastDrillAt,
        Duration estimatedTotal,
        Duration measuredTotal,
        String measuredIn,
        List<String> awaitingAcceptance) {

    public static final String BASIS_ESTIMATES = "catalog-estimates";
    public static final String BASIS_LATEST_DRILL = "latest-drill";
    public static final String BASIS_WORST_OF_DRILLS = "worst-of-last-drills";

    public FeasibilityReport {
        criticalPath = criticalPath == null ? List.of() : List.copyOf(criticalPath);
        findings = findings == null ? List.of() : List.copyOf(findings);
        drillsUsed = drillsUsed == null ? List.of() : List.copyOf(drillsUsed);
        awaitingAcceptance = awaitingAcceptance == null ? List.of() : List.copyOf(awaitingAcceptance);
        if (basis == null) {
            basis = BASIS_ESTIMATES;
        }
    }

    /** A report made from the catalog's estimates, with no drill known. */
    public FeasibilityReport(
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
        this(
                platformId,
                platformName,
                evaluatedAt,
                catalogFingerprint,
                rto,
                recoveryTotal,
                slack,
                meetsRto,
                feasible,
                criticalPath,
                findings,
                BASIS_ESTIMATES,
                List.of(),
                null,
                recoveryTotal,
                null,
                null,
                List.of());
    }

    /** A report with its basis, as written before estimates and measurements were shown side by side. */
    public FeasibilityReport(
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
            List<Finding> findings,
            String basis,
            List<String> drillsUsed,
            Instant lastDrillAt) {
        this(
                platformId,
                platformName,
                evaluatedAt,
                catalogFingerprint,
                rto,
                recoveryTotal,
                slack,
                meetsRto,
                feasible,
                criticalPath,
                findings,
                basis,
                drillsUsed,
                lastDrillAt,
                null,
                null,
                null,
                List.of());
    }

    /**
     * One way the plan misses a target.
     *
     * @param kind {@code rto-exceeded} (the plan is longer than the RTO), {@code freshness-exceeded} (a stage that must
     *     be fresh within a time needs its whole upstream recovered within it), {@code drill-overdue},
     *     {@code steps-never-measured} or {@code measurement-flagged}
     * @param componentId for {@code freshness-exceeded}, the component whose freshness target is missed
     * @param summary the finding in one sentence
     * @param limit the target: the RTO, or the component's freshness
     * @param needed what the plan needs: its total, or when the last late component finishes
     * @param overBy needed minus limit
     * @param lateComponents component ids that finish after the limit, in run order
     * @param options what can be done about it, in words (automate, parallelise, uplift the tier, extend the RTO)
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
        /**
         * No completed drill for longer than the platform's {@code drillInterval} (by default at least every 12
         * months).
         */
        public static final String DRILL_OVERDUE = "drill-overdue";
        /** A component whose runbook steps no completed drill has ever measured. */
        public static final String STEPS_NEVER_MEASURED = "steps-never-measured";
        /**
         * A drill or DR run measured steps far below their estimates or without evidence: its measurements are not used
         * until a DR lead accepts them.
         */
        public static final String MEASUREMENT_FLAGGED = "measurement-flagged";
        /** Readiness: an active issue or advisory of the provider in the secondary region, for a service in use. */
        public static final String SECONDARY_REGION_ISSUE = "secondary-region-issue";
        /** Readiness: a role the plan needs (DR lead, executor, approver) with nobody available soon, or nobody. */
        public static final String ROLE_UNCOVERED = "role-uncovered";

        /**
         * Readiness: a component's Azure service (its resource type) is not offered in the secondary region for the
         * subscription it runs in, as the Azure Resource Manager resource providers list it.
         */
        public static final String SERVICE_NOT_OFFERED = "service-not-offered";

        /**
         * Readiness: an automated recovery step whose action the notifier could not call now (its endpoint or secret
         * reference not configured, its URL refused by the destination policy, no callback secret).
         */
        public static final String AUTOMATION_UNCONFIGURED = "automation-unconfigured";

        /** A finding about readiness to fail over now, rather than about the plan's arithmetic. */
        public boolean readiness() {
            return SECONDARY_REGION_ISSUE.equals(kind)
                    || ROLE_UNCOVERED.equals(kind)
                    || SERVICE_NOT_OFFERED.equals(kind)
                    || AUTOMATION_UNCONFIGURED.equals(kind);
        }

        public Finding {
            lateComponents = lateComponents == null ? List.of() : List.copyOf(lateComponents);
            options = options == null ? List.of() : List.copyOf(options);
        }
    }
}
