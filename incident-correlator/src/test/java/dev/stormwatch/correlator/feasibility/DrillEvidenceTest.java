package dev.stormwatch.correlator.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.TestConfigs;
import dev.stormwatch.correlator.config.CorrelatorConfig.Feasibility.Basis;
import dev.stormwatch.correlator.platform.CatalogView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feasibility from drills, on the worked example of docs/dr-process.md (plan 200 min: Key Vault 30 → Storage 90 →
 * Databricks 60 → Power BI 20; Data Factory 45 beside): which drills are used, the measured plan, and the staleness
 * findings.
 */
class DrillEvidenceTest {

    static final CatalogView SPEC = CatalogView.of(Catalogs.specExample("warm-spare", "4h"));
    static final Instant JAN = Instant.parse("2026-01-10T09:00:00Z");
    static final Instant MAR = Instant.parse("2026-03-10T09:00:00Z");
    static final Instant JUN = Instant.parse("2026-06-10T09:00:00Z");

    /** Storage took 150 min in January, 100 in March; the June drill was abandoned (it measured 400, ignored). */
    static final List<DrillReport> DRILLS = List.of(
            drill(
                    "jan",
                    DrillState.COMPLETED,
                    JAN,
                    Map.of(
                            "key-vault/restore vault",
                            30,
                            "storage/fail over storage",
                            150,
                            "data-factory/enable runtime",
                            40)),
            drill(
                    "mar",
                    DrillState.COMPLETED,
                    MAR,
                    Map.of(
                            "key-vault/restore vault",
                            20,
                            "storage/fail over storage",
                            100,
                            "databricks/deploy workspace",
                            70,
                            "databricks/restore jobs",
                            20)),
            drill("jun", DrillState.ABANDONED, JUN, Map.of("storage/fail over storage", 400)));

    @Test
    void latestDrillUsesTheLastCompletedDrillsDurationsAndTheEstimatesForWhatItDidNotMeasure() {
        DrillEvidence e = DrillEvidence.of(SPEC, DRILLS, Basis.LATEST_DRILL, 3);
        assertEquals(FeasibilityReport.BASIS_LATEST_DRILL, e.basis());
        assertEquals(List.of("mar"), e.drillsUsed());
        assertEquals(MAR, e.lastDrillAt());
        // key-vault 20 → storage 100 → databricks 70 → power-bi 20 (estimate) = 210 min.
        FeasibilityReport r = FeasibilityCheck.evaluate(SPEC, MAR.plus(Duration.ofDays(1)), e);
        assertEquals(Duration.ofMinutes(210), r.recoveryTotal());
        assertEquals(List.of("key-vault", "storage", "databricks", "power-bi"), r.criticalPath());
        assertTrue(r.meetsRto());
        assertEquals(List.of("mar"), r.drillsUsed());
        assertEquals(MAR, r.lastDrillAt());
        // Power BI was never measured by any completed drill; Data Factory was (in January).
        assertEquals(
                List.of(Finding.STEPS_NEVER_MEASURED),
                r.findings().stream().map(Finding::kind).toList());
        Finding never = r.findings().get(0);
        assertEquals(List.of("power-bi"), never.lateComponents());
        assertEquals(
                "No completed drill measured the recovery steps of power-bi: the plan uses their estimates",
                never.summary());
        assertTrue(r.feasible());
    }

    @Test
    void worstOfLastDrillsTakesTheLongestOfEachStepOverTheLastN() {
        DrillEvidence e = DrillEvidence.of(SPEC, DRILLS, Basis.WORST_OF_LAST_DRILLS, 2);
        assertEquals(List.of("mar", "jan"), e.drillsUsed());
        // key-vault 30 → storage 150 → databricks 70 → power-bi 20 = 270 min > RTO 240.
        FeasibilityReport r = FeasibilityCheck.evaluate(SPEC, MAR.plus(Duration.ofDays(1)), e);
        assertEquals(Duration.ofMinutes(270), r.recoveryTotal());
        assertFalse(r.meetsRto());
        assertFalse(r.feasible());
        assertEquals(FeasibilityReport.BASIS_WORST_OF_DRILLS, r.basis());
        Finding rto = r.findings().get(0);
        assertEquals(Finding.RTO_EXCEEDED, rto.kind());
        assertTrue(
                rto.summary()
                        .startsWith("The recovery plan with the step durations measured in drills mar, jan (the"
                                + " longest of each) takes 4h30m, 30m over the RTO of 4h"),
                rto.summary());
        assertEquals(4, rto.options().size());

        assertEquals(
                List.of("mar"),
                DrillEvidence.of(SPEC, DRILLS, Basis.WORST_OF_LAST_DRILLS, 1).drillsUsed());
    }

    @Test
    void catalogEstimatesIgnoreTheMeasurementsButStillKnowTheLastDrill() {
        DrillEvidence e = DrillEvidence.of(SPEC, DRILLS, Basis.CATALOG_ESTIMATES, 3);
        FeasibilityReport r = FeasibilityCheck.evaluate(SPEC, MAR, e);
        assertEquals(FeasibilityReport.BASIS_ESTIMATES, r.basis());
        assertEquals(Duration.ofMinutes(200), r.recoveryTotal());
        assertEquals(List.of(), r.drillsUsed());
        assertEquals(MAR, r.lastDrillAt());
    }

    @Test
    void withoutACompletedDrillTheEstimatesAreUsedAndNoDrillFindingIsMade() {
        DrillEvidence e = DrillEvidence.of(SPEC, List.of(DRILLS.get(2)), Basis.LATEST_DRILL, 3);
        FeasibilityReport r = FeasibilityCheck.evaluate(SPEC, JUN, e);
        assertEquals(FeasibilityReport.BASIS_ESTIMATES, r.basis());
        assertNull(r.lastDrillAt());
        assertEquals(List.of(), r.findings());
    }

    @Test
    void aDrillOlderThanThePlatformsIntervalIsOverdue() {
        DrillEvidence e = DrillEvidence.of(SPEC, DRILLS, Basis.LATEST_DRILL, 3);
        Instant due = MAR.plus(Duration.ofDays(365));
        assertTrue(
                FeasibilityCheck.evaluate(SPEC, due, e).findings().stream()
                        .noneMatch(f -> f.kind().equals(Finding.DRILL_OVERDUE)),
                "exactly 365 days: not yet overdue");
        FeasibilityReport r = FeasibilityCheck.evaluate(SPEC, due.plus(Duration.ofHours(36)), e);
        assertEquals(
                List.of(Finding.DRILL_OVERDUE, Finding.STEPS_NEVER_MEASURED),
                r.findings().stream().map(Finding::kind).toList());
        Finding overdue = r.findings().get(0);
        assertEquals(Duration.ofDays(365), overdue.limit());
        assertEquals(Duration.ofDays(365).plus(Duration.ofHours(36)), overdue.needed());
        assertEquals(Duration.ofHours(36), overdue.overBy());
        assertEquals(
                "No completed DR drill since 2026-03-10T09:00:00Z (366d12h ago); the platform's policy is one at"
                        + " least every 365d",
                overdue.summary());
        assertTrue(r.feasible(), "an overdue drill says the timings are unproven, not that the plan misses its RTO");
    }

    @Test
    void theBasisIsReadAsItsHyphenatedNameAndAnUnknownOneStopsTheStartNamingTheValuesItCanBe() {
        assertEquals(
                Basis.WORST_OF_LAST_DRILLS,
                TestConfigs.with(Map.of("stormwatch.correlator.feasibility.basis", "worst-of-last-drills"))
                        .feasibility()
                        .basis());
        assertEquals(Basis.LATEST_DRILL, TestConfigs.defaults().feasibility().basis());
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> TestConfigs.with(Map.of("stormwatch.correlator.feasibility.basis", "median")));
        assertTrue(
                e.getMessage().contains("stormwatch.correlator.feasibility.basis")
                        && e.getMessage().contains("median")
                        && e.getMessage().contains("catalog-estimates")
                        && e.getMessage().contains("latest-drill")
                        && e.getMessage().contains("worst-of-last-drills"),
                e.getMessage());
    }

    /** A drill report with only what the feasibility check reads: state, completion and measured steps. */
    static DrillReport drill(String id, DrillState state, Instant completedAt, Map<String, Integer> minutes) {
        List<StepTiming> steps = new ArrayList<>();
        int order = 0;
        for (var c : SPEC.components()) {
            for (var s : c.recovery()) {
                Integer m = minutes.get(c.id() + "/" + s.name());
                Instant started = m == null ? null : completedAt.minus(Duration.ofMinutes(m));
                steps.add(new StepTiming(
                        ++order,
                        c.id(),
                        s.name(),
                        s.parallelGroup(),
                        s.plannedDuration(),
                        started,
                        m == null ? null : "ana",
                        m == null ? null : completedAt,
                        m == null ? null : "ana",
                        m == null ? null : Duration.ofMinutes(m),
                        m == null ? 0 : 1,
                        null));
            }
        }
        return new DrillReport(
                id,
                "spec-example",
                "SPEC example",
                "drill-" + id,
                state,
                null,
                "ana",
                completedAt,
                "ana",
                completedAt,
                completedAt,
                completedAt,
                SPEC.rto(),
                null,
                null,
                null,
                null,
                null,
                null,
                steps,
                1);
    }
}
