package dev.stormwatch.contracts.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A drill and what it measured (type {@code DRILL} on {@code drills.v1}, compacted, key: drill id), written by the
 * correlator as the drill goes and final once completed or abandoned (docs/dr-process.md, "Drills").
 *
 * @param incidentId            the drill incident every drill record hangs off
 * @param drInvokedAt           when the DR lead approved the drill's invoke-dr: the recovery clock starts here
 * @param recoveredAt           when the last recovery step was completed
 * @param expectedTotal         the catalog's plan: critical path with contingency
 * @param actualTotal           recoveredAt minus drInvokedAt, the recovery as it really ran
 * @param measuredPlanTotal     the plan arithmetic with each step's measured duration: what the next real
 *                              failover would take if the steps run as they did in this drill
 * @param meetsRto              measuredPlanTotal fits in the RTO (null while steps are outstanding)
 * @param expectedCriticalPath  component ids on the catalog plan's critical path
 * @param criticalPathAsRun     component ids on the critical path of the plan with measured durations
 * @param steps                 every runbook step in run order, expected beside actual
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
        long version) {

    public DrillReport {
        expectedCriticalPath = expectedCriticalPath == null ? List.of() : List.copyOf(expectedCriticalPath);
        criticalPathAsRun = criticalPathAsRun == null ? List.of() : List.copyOf(criticalPathAsRun);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @JsonIgnore
    public boolean isFinal() {
        return state == DrillState.COMPLETED || state == DrillState.ABANDONED;
    }
}
