package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.correlator.feasibility.DrillEvidence;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a drill measured, from its recovery-step decisions: per step the expected duration (expected + contingency),
 * when it was started and by whom (STEP_STARTED on its first attempt that was started), when it was completed and by
 * whom (the approval), the actual duration (completed − started: a failed attempt counts in the step's time, as it
 * would in a real failover), the attempts and the evidence; and in total the recovery as it ran (recoveredAt −
 * drInvokedAt) and the plan arithmetic with the measured durations (a step not measured keeps its estimate).
 */
public final class DrillMeasure {

    private DrillMeasure() {}

    /**
     * {@code drill} with its steps and totals worked out again; same version (the caller numbers snapshots). A measured
     * step below {@code suspectBelow} of its estimate, or completed without evidence, is flagged.
     */
    public static DrillReport measure(
            DrillReport drill, CatalogView catalog, Collection<DecisionRecord> decisions, double suspectBelow) {
        RecoveryPlan expected = catalog.plan();
        Map<String, List<DecisionRecord>> bySeries = new HashMap<>();
        String prefix = drill.incidentId() + "-recovery-step-";
        for (DecisionRecord r : decisions) {
            Decision d = r.decision();
            // A DR run's steps are the ones raised when it began (an incident may have had an earlier episode).
            boolean ofThisRun = !drill.isRun() || !d.raisedAt().isBefore(drill.startedAt());
            if (d.kind() == DecisionKind.RECOVERY_STEP
                    && drill.incidentId().equals(d.incidentId())
                    && r.series().startsWith(prefix)
                    && ofThisRun) {
                bySeries.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r);
            }
        }
        List<StepTiming> steps = new ArrayList<>();
        Map<String, Duration> measured = new HashMap<>();
        Instant recoveredAt = null;
        boolean allDone = true;
        List<RecoveryPlan.StepSchedule> planned = expected.stepsInRunOrder();
        for (int i = 0; i < planned.size(); i++) {
            RecoveryPlan.StepSchedule s = planned.get(i);
            int runOrder = i + 1;
            List<DecisionRecord> attempts =
                    bySeries.getOrDefault(prefix + String.format(Locale.ROOT, "%02d", runOrder), List.of());
            Instant startedAt = null;
            String startedBy = null;
            Instant completedAt = null;
            String completedBy = null;
            String evidence = null;
            for (DecisionRecord r : attempts.stream()
                    .sorted(java.util.Comparator.comparingInt(DecisionRecord::attempt))
                    .toList()) {
                Decision d = r.decision();
                if (startedAt == null && d.startedAt() != null) {
                    startedAt = d.startedAt();
                    startedBy = d.startedBy();
                }
                if (d.state() == DecisionState.APPROVED) {
                    completedAt = d.decidedAt();
                    completedBy = d.decidedBy();
                    evidence = d.evidence();
                }
            }
            Duration actual =
                    startedAt != null && completedAt != null ? Duration.between(startedAt, completedAt) : null;
            if (actual != null) {
                measured.put(DrillEvidence.key(s.componentId(), s.step()), actual);
            }
            if (completedAt == null) {
                allDone = false;
            } else if (recoveredAt == null || completedAt.isAfter(recoveredAt)) {
                recoveredAt = completedAt;
            }
            Duration expectedTime = s.finish().minus(s.start());
            steps.add(new StepTiming(
                    runOrder,
                    s.componentId(),
                    s.step(),
                    s.parallelGroup(),
                    expectedTime,
                    startedAt,
                    startedBy,
                    completedAt,
                    completedBy,
                    actual,
                    attempts.size(),
                    evidence,
                    StepTiming.flagsOf(expectedTime, actual, evidence, suspectBelow)));
        }
        if (!allDone) {
            recoveredAt = null;
        }
        if (planned.isEmpty()) {
            // A catalog without runbook steps is recovered as soon as DR is invoked.
            recoveredAt = drill.drInvokedAt();
        }
        DrillEvidence asRun = new DrillEvidence(
                FeasibilityReport.BASIS_LATEST_DRILL, measured, List.of(drill.drillId()), null, List.of());
        RecoveryPlan measuredPlan = asRun.plan(catalog);
        Duration actualTotal = recoveredAt != null && drill.drInvokedAt() != null
                ? Duration.between(drill.drInvokedAt(), recoveredAt)
                : null;
        Boolean meetsRto = recoveredAt == null ? null : measuredPlan.meets(catalog.rto());
        return new DrillReport(
                drill.drillId(),
                drill.platformId(),
                catalog.platformName(),
                drill.incidentId(),
                drill.state(),
                drill.note(),
                drill.startedBy(),
                drill.startedAt(),
                drill.drInvokedBy(),
                drill.drInvokedAt(),
                recoveredAt,
                drill.completedAt(),
                catalog.rto(),
                expected.total(),
                actualTotal,
                measuredPlan.total(),
                meetsRto,
                expected.criticalComponents(),
                measuredPlan.criticalComponents(),
                steps,
                drill.version(),
                drill.kind(),
                drill.signedOffBy(),
                drill.signedOffAt(),
                drill.recoveryTime(),
                drill.acceptedBy(),
                drill.acceptedAt());
    }
}
