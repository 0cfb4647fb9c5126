package dev.stormwatch.contracts.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A drill, or a real DR run, and what it measured: type {@code DRILL} (a rehearsal, kind {@code drill}) or
 * {@code DR_RUN} (a real failover, kind {@code dr-run}) on {@code drills.v1}, compacted, key: drill or run id; written
 * by the correlator as it goes and final once completed or abandoned. Both have the same shape, so that one report
 * serves both and measured step times of either feed the feasibility check.
 *
 * @param incidentId the drill incident every drill record hangs off
 * @param drInvokedAt when the DR lead approved the drill's invoke-dr: the recovery clock starts here
 * @param recoveredAt when the last recovery step was completed
 * @param expectedTotal the catalog's plan: critical path with contingency
 * @param actualTotal recoveredAt minus drInvokedAt, the recovery as it really ran
 * @param measuredPlanTotal the plan arithmetic with each step's measured duration: what the next real failover would
 *     take if the steps run as they did in this drill
 * @param meetsRto measuredPlanTotal fits in the RTO (null while steps are outstanding)
 * @param expectedCriticalPath component ids on the catalog plan's critical path
 * @param criticalPathAsRun component ids on the critical path of the plan with measured durations
 * @param steps every runbook step in run order, expected beside actual
 * @param kind {@link #DRILL} or {@link #DR_RUN}; absent means a drill
 * @param signedOffBy who gave the business sign-off after the technical recovery
 * @param signedOffAt when: for a DR run, the recovery is over for the business here
 * @param recoveryTime signedOffAt minus drInvokedAt: the recovery time to hold against the RTO
 * @param acceptedBy the DR lead who accepted measurements that were flagged (see {@link StepTiming#flags()})
 * @param acceptedAt when they accepted them
 */
public record DrillReport(
        String drillId,
        String platformId,
        String platformName,
        String incidentId,
        DrillState state,
        String note,
        String startedBy,
        Instant startedAt,
        String drInvokedBy,
        Instant drInvokedAt,
        Instant recoveredAt,
        Instant completedAt,
        Duration rto,
        Duration expectedTotal,
        Duration actualTotal,
        Duration measuredPlanTotal,
        Boolean meetsRto,
        List<String> expectedCriticalPath,
        List<String> criticalPathAsRun,
        List<StepTiming> steps,
        long version,
        String kind,
        String signedOffBy,
        Instant signedOffAt,
        Duration recoveryTime,
        String acceptedBy,
        Instant acceptedAt) {

    public static final String DRILL = "drill";
    public static final String DR_RUN = "dr-run";

    public DrillReport {
        if (kind == null) {
            kind = DRILL;
        }
        expectedCriticalPath = expectedCriticalPath == null ? List.of() : List.copyOf(expectedCriticalPath);
        criticalPathAsRun = criticalPathAsRun == null ? List.of() : List.copyOf(criticalPathAsRun);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A drill's report, as written before real DR runs had reports. */
    public DrillReport(
            String drillId,
            String platformId,
            String platformName,
            String incidentId,
            DrillState state,
            String note,
            String startedBy,
            Instant startedAt,
            String drInvokedBy,
            Instant drInvokedAt,
            Instant recoveredAt,
            Instant completedAt,
            Duration rto,
            Duration expectedTotal,
            Duration actualTotal,
            Duration measuredPlanTotal,
            Boolean meetsRto,
            List<String> expectedCriticalPath,
            List<String> criticalPathAsRun,
            List<StepTiming> steps,
            long version) {
        this(
                drillId,
                platformId,
                platformName,
                incidentId,
                state,
                note,
                startedBy,
                startedAt,
                drInvokedBy,
                drInvokedAt,
                recoveredAt,
                completedAt,
                rto,
                expectedTotal,
                actualTotal,
                measuredPlanTotal,
                meetsRto,
                expectedCriticalPath,
                criticalPathAsRun,
                steps,
                version,
                DRILL,
                null,
                null,
                null,
                null,
                null);
    }

    @JsonIgnore
    public boolean isRun() {
        return DR_RUN.equals(kind);
    }

    /** Steps whose measurement is flagged. */
    @JsonIgnore
    public List<StepTiming> flaggedSteps() {
        return steps.stream().filter(s -> !s.flags().isEmpty()).toList();
    }

    /** The flagged steps in words: "step 1 far-below-estimate, step 12 far-below-estimate no-evidence". */
    @JsonIgnore
    public String flagSummary() {
        return String.join(
                ", ",
                flaggedSteps().stream()
                        .map(s -> "step " + s.runOrder() + " " + String.join(" ", s.flags()))
                        .toList());
    }

    /**
     * Its measurements may become the feasibility basis: completed, and either nothing flagged or a DR lead accepted
     * them.
     */
    @JsonIgnore
    public boolean trusted() {
        return state == DrillState.COMPLETED && (flaggedSteps().isEmpty() || acceptedAt != null);
    }

    public DrillReport withState(DrillState next) {
        return copy(
                next,
                note,
                drInvokedBy,
                drInvokedAt,
                completedAt,
                version,
                signedOffBy,
                signedOffAt,
                acceptedBy,
                acceptedAt);
    }

    public DrillReport withVersion(long next) {
        return copy(
                state,
                note,
                drInvokedBy,
                drInvokedAt,
                completedAt,
                next,
                signedOffBy,
                signedOffAt,
                acceptedBy,
                acceptedAt);
    }

    /** DR invoked: recovering from now on. */
    public DrillReport invoked(String by, Instant at) {
        return copy(
                DrillState.RECOVERING,
                note,
                by,
                at,
                completedAt,
                version,
                signedOffBy,
                signedOffAt,
                acceptedBy,
                acceptedAt);
    }

    public DrillReport ended(DrillState next, String withNote, Instant at) {
        return copy(
                next,
                withNote,
                drInvokedBy,
                drInvokedAt,
                at,
                version,
                signedOffBy,
                signedOffAt,
                acceptedBy,
                acceptedAt);
    }

    public DrillReport signedOff(String by, Instant at) {
        return copy(state, note, drInvokedBy, drInvokedAt, completedAt, version, by, at, acceptedBy, acceptedAt);
    }

    public DrillReport accepted(String by, Instant at) {
        return copy(state, note, drInvokedBy, drInvokedAt, completedAt, version, signedOffBy, signedOffAt, by, at);
    }

    private DrillReport copy(
            DrillState s,
            String n,
            String invokedBy,
            Instant invokedAt,
            Instant completed,
            long v,
            String signoffBy,
            Instant signoffAt,
            String acceptBy,
            Instant acceptAt) {
        Duration recovery = signoffAt != null && invokedAt != null ? Duration.between(invokedAt, signoffAt) : null;
        return new DrillReport(
                drillId,
                platformId,
                platformName,
                incidentId,
                s,
                n,
                startedBy,
                startedAt,
                invokedBy,
                invokedAt,
                recoveredAt,
                completed,
                rto,
                expectedTotal,
                actualTotal,
                measuredPlanTotal,
                meetsRto,
                expectedCriticalPath,
                criticalPathAsRun,
                steps,
                v,
                kind,
                signoffBy,
                signoffAt,
                recovery,
                acceptBy,
                acceptAt);
    }

    @JsonIgnore
    public boolean isFinal() {
        return state == DrillState.COMPLETED || state == DrillState.ABANDONED;
    }
}
