package dev.stormwatch.correlator.drill;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DR drills in the correlator's topology: a drill runs the failover flow on its own incident and state; a real outage
 * during it is handled as without it; abandoning cancels its open decisions; a completed drill's measured durations and
 * its age feed the feasibility check (drill-overdue on the timer, steps-never-measured).
 */
class DrillFlowTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String CONTOSO = Catalogs.CONTOSO;

    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        driver = new CorrelatorDriver(T0);
        driver.catalog(Catalogs.contoso());
        driver.drain();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aRealOutageDuringARunningDrillRaisesTheRealInvokeDrAndLeavesTheDrillAsItWas() {
        driver.drill("d1", CONTOSO, DrillAction.START, "priya", "annual rehearsal");
        Decision drillInvoke = single(driver.decisions());
        assertEquals("drill-d1-invoke-dr", drillInvoke.id());
        assertTrue(drillInvoke.drill());
        assertEquals(T0.plus(Duration.ofMinutes(95)), drillInvoke.deadline(), "drill start + RTO 8h − plan 6h25m");
        driver.advance(Duration.ofMinutes(5));
        driver.approve(drillInvoke, "priya", null);
        List<Decision> drillSteps = driver.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.RECOVERY_STEP)
                .toList();
        assertEquals(12, drillSteps.size());
        assertTrue(drillSteps.stream().allMatch(Decision::drill));
        driver.drain();

        // 10:10 the primary region really loses Storage: the real flow starts as if no drill were running.
        driver.advance(Duration.ofMinutes(5));
        driver.health(
                HealthEvents.incident("STG-1", "Storage", PRIMARY, driver.now()).build());
        Decision realInvoke = single(driver.decisions());
        assertEquals("inc-contoso-data-platform-stg-1-20261122-1010-invoke-dr", realInvoke.id());
        assertFalse(realInvoke.drill());
        assertEquals(DecisionState.OPEN, realInvoke.state());
        assertEquals(Instant.parse("2026-11-22T11:45:00Z"), realInvoke.deadline(), "impact 10:10 + 8h − 6h25m");
        Incident real = single(driver.incidents());
        assertFalse(real.drill());
        assertTrue(driver.drills().isEmpty(), "the drill's report does not change");

        // The real episode is approved: real recovery steps for the real incident; the drill's stay open, untouched.
        driver.approve(realInvoke, "priya", null);
        List<Decision> realSteps = driver.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.RECOVERY_STEP)
                .toList();
        assertEquals(12, realSteps.size());
        assertTrue(realSteps.stream().noneMatch(Decision::drill));
        assertTrue(realSteps.stream().allMatch(d -> d.incidentId().equals(real.id())));
        assertTrue(driver.drills().isEmpty());

        // The drill goes on: its first step can still be started and completed.
        driver.start(drillSteps.get(0), "tom");
        Decision started = single(driver.decisions());
        assertEquals("tom", started.startedBy());
        assertEquals(driver.now(), started.startedAt());
        DrillReport report = single(driver.drills());
        assertEquals(DrillState.RECOVERING, report.state());
        assertEquals(driver.now(), report.steps().get(0).startedAt());
    }

    @Test
    void abandoningADrillCancelsItsOpenDecisionsAndResolvesItsIncident() {
        driver.drill("d2", CONTOSO, DrillAction.START, "priya", null);
        Decision invoke = single(driver.decisions());
        driver.advance(Duration.ofMinutes(3));
        driver.approve(invoke, "priya", null);
        driver.drain();
        driver.advance(Duration.ofMinutes(7));
        driver.drill("d2", CONTOSO, DrillAction.ABANDON, "priya", "bridge needed for a real change");

        List<Decision> cancelled = driver.decisions();
        assertEquals(12, cancelled.size());
        assertTrue(cancelled.stream()
                .allMatch(d -> d.state() == DecisionState.CANCELLED
                        && d.drill()
                        && d.reason().equals("the drill was abandoned by priya: bridge needed for a real change")));
        DrillReport report = single(driver.drills());
        assertEquals(DrillState.ABANDONED, report.state());
        assertEquals(T0.plus(Duration.ofMinutes(10)), report.completedAt());
        assertEquals(T0.plus(Duration.ofMinutes(3)), report.drInvokedAt());
        assertEquals(3, report.version(), "started, invoked, abandoned");
        Incident incident = single(driver.incidents());
        assertEquals("drill-d2", incident.id());
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertTrue(incident.drill());
        assertTrue(driver.audit().stream().anyMatch(a -> a.action().equals("drill-abandoned") && a.drill()));
        assertTrue(driver.feasibility().isEmpty(), "an abandoned drill measures nothing for the feasibility check");

        // Another abandon, or a decision on a cancelled one, changes nothing more.
        driver.drill("d2", CONTOSO, DrillAction.ABANDON, "priya", null);
        assertEquals(
                List.of("drill-request-ignored"),
                driver.audit().stream().map(AuditRecord::action).toList());
        assertTrue(driver.drills().isEmpty());
    }

    @Test
    void aSecondDrillWhileOneRunsIsRefusedWithAReport() {
        driver.drill("d3", CONTOSO, DrillAction.START, "priya", null);
        driver.drain();
        driver.drill("d4", CONTOSO, DrillAction.START, "tom", null);
        DrillReport refused = single(driver.drills());
        assertEquals("d4", refused.drillId());
        assertEquals(DrillState.ABANDONED, refused.state());
        assertEquals(
                "refused: drill d3 is still running (invoking); abandon it or let it complete first", refused.note());
        assertTrue(driver.decisions().isEmpty());
    }

    /** Spec example (plan 200 min): the drill measures every step but Power BI's, which it completes unstarted. */
    @Test
    void aCompletedDrillFeedsTheFeasibilityCheckAndItsAgeMakesItOverdueOnTheTimer() {
        driver.close();
        driver = new CorrelatorDriver(T0);
        driver.catalog(Catalogs.specExample("warm-spare", "4h"));
        FeasibilityReport before = single(driver.feasibility());
        assertEquals(FeasibilityReport.BASIS_ESTIMATES, before.basis());
        assertEquals(Duration.ofMinutes(200), before.recoveryTotal());
        driver.drain();

        driver.drill("d5", "spec-example", DrillAction.START, "ana", null);
        driver.approve(single(driver.decisions()), "ana", null);
        List<Decision> steps = driver.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.RECOVERY_STEP)
                .sorted(Comparator.comparing(d -> d.step().runOrder()))
                .toList();
        assertEquals(
                List.of("key-vault", "data-factory", "storage", "databricks", "databricks", "power-bi"),
                steps.stream().map(d -> d.step().componentId()).toList());
        Map<String, Duration> took = Map.of(
                "restore vault",
                Duration.ofMinutes(25),
                "fail over storage",
                Duration.ofMinutes(100),
                "enable runtime",
                Duration.ofMinutes(20),
                "deploy workspace",
                Duration.ofMinutes(50),
                "restore jobs",
                Duration.ofMinutes(10));
        for (Decision step : steps) {
            if (step.step().componentId().equals("power-bi")) {
                driver.approve(step, "ana", "done before anyone pressed start");
                continue;
            }
            driver.start(step, "ana");
            driver.advance(took.get(step.step().step()));
            driver.approve(step, "ana", "validated");
        }
        Decision signoff = driver.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.BUSINESS_SIGNOFF)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(signoff.drill());
        driver.approve(signoff, "fiona", null);
        Decision fallback = driver.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.FALLBACK)
                .reduce((a, b) -> b)
                .orElseThrow();
        driver.drain();
        driver.approve(fallback, "ana", null);

        DrillReport done = driver.drills().get(0);
        assertEquals(DrillState.COMPLETED, done.state());
        assertNull(done.steps().get(5).actual(), "power-bi was never started: not measured");
        // key-vault 25 → storage 100 → databricks 50 (with jobs 10 in parallel) → power-bi 20 (its estimate) = 195 min.
        assertEquals(Duration.ofMinutes(195), done.measuredPlanTotal());
        assertEquals(List.of("key-vault", "storage", "databricks", "power-bi"), done.criticalPathAsRun());

        FeasibilityReport after = single(driver.feasibility());
        assertEquals(FeasibilityReport.BASIS_LATEST_DRILL, after.basis());
        assertEquals(List.of("d5"), after.drillsUsed());
        assertEquals(driver.now(), after.lastDrillAt());
        assertEquals(Duration.ofMinutes(195), after.recoveryTotal());
        assertTrue(after.meetsRto());
        assertTrue(after.feasible(), "unmeasured steps do not make the plan infeasible");
        assertEquals(
                List.of("steps-never-measured"),
                after.findings().stream().map(f -> f.kind()).toList());
        assertEquals(List.of("power-bi"), after.findings().get(0).lateComponents());

        // 365 days later nothing yet; one day more and the timer publishes the overdue finding, once.
        Instant completed = driver.now();
        driver.advance(Duration.ofDays(365));
        assertTrue(driver.feasibility().isEmpty());
        driver.advance(Duration.ofDays(1));
        FeasibilityReport overdue = single(driver.feasibility());
        assertEquals(
                List.of("drill-overdue", "steps-never-measured"),
                overdue.findings().stream().map(f -> f.kind()).toList());
        assertEquals(
                "No completed DR drill since " + completed + " (366d ago); the platform's policy is one at least"
                        + " every 365d",
                overdue.findings().get(0).summary());
        assertEquals(Duration.ofDays(1), overdue.findings().get(0).overBy());
        assertTrue(driver.audit().stream().anyMatch(a -> a.action().equals("drill-overdue")));
        driver.advance(Duration.ofDays(1));
        assertTrue(driver.feasibility().isEmpty(), "published once");
    }

    static <T> T single(List<T> list) {
        assertEquals(
                1,
                list.size(),
                () -> "expected one, got " + list.stream().map(Object::toString).collect(Collectors.joining("\n")));
        return list.get(0);
    }

    static StepTiming step(DrillReport r, int runOrder) {
        return r.steps().get(runOrder - 1);
    }
}
