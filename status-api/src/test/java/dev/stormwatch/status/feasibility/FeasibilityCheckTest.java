package dev.stormwatch.status.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.status.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feasibility finding computed from a catalog: the SPEC's worked example (critical path 200 min). */
class FeasibilityCheckTest {

    @Test
    void planOf200MinutesFitsAnRtoOf8HoursWith280MinutesToSpare() {
        FeasibilityFinding f = FeasibilityCheck.of(Samples.catalog("p"));

        assertTrue(f.feasible());
        assertTrue(f.meetsRto());
        assertEquals("catalog", f.source());
        assertEquals(480, f.rtoMinutes());
        assertEquals(200, f.planMinutes());
        assertEquals(280, f.slackMinutes());
        assertEquals(
                List.of("key-vault", "storage", "databricks", "power-bi"),
                f.criticalPath().stream()
                        .map(FeasibilityFinding.PathComponent::componentId)
                        .toList());
        assertEquals(
                List.of(0L, 30L, 120L, 180L),
                f.criticalPath().stream()
                        .map(FeasibilityFinding.PathComponent::startMinute)
                        .toList());
        assertEquals(
                List.of(30L, 120L, 180L, 200L),
                f.criticalPath().stream()
                        .map(FeasibilityFinding.PathComponent::finishMinute)
                        .toList());
        assertEquals(
                List.of(
                        new FeasibilityFinding.PathStep("Deploy workspace", "ws", 120, 180),
                        new FeasibilityFinding.PathStep("Restore jobs", "ws", 120, 150)),
                f.criticalPath().get(2).steps());
        assertEquals(
                "Recovery plan fits the RTO of 8h: 3 h 20 min on the critical path, 4 h 40 min to spare "
                        + "(Key Vault → Storage → Databricks → Power BI)",
                f.summary());
        assertEquals(List.of(), f.findings());
    }

    @Test
    void rtoOf3HoursIsMissedBy20MinutesWithTheSeedsOptions() {
        Catalog catalog = CatalogLoader.parse("t", Samples.catalogYaml("p").replace("rto: 8h", "rto: 3h"));

        FeasibilityFinding f = FeasibilityCheck.of(catalog);

        assertFalse(f.feasible());
        assertFalse(f.meetsRto());
        assertEquals(-20, f.slackMinutes());
        assertEquals(1, f.findings().size());
        FeasibilityFinding.Item item = f.findings().get(0);
        assertEquals("rto-exceeded", item.kind());
        assertEquals(20, item.overByMinutes());
        assertEquals(List.of("power-bi"), item.lateComponents());
        assertNull(item.componentId());
        assertEquals(
                List.of(
                        "Start with the longest step on the critical path: Fail over storage (storage, 1 h 30 min)",
                        "Automate selected recovery processes",
                        "Run selected recovery steps in parallel (this may need more DR executors)",
                        "Uplift key components to a higher service tier (PaaS), where Microsoft takes more of the "
                                + "recovery",
                        "Extend the RTO with stakeholders"),
                item.options());
        assertEquals(
                "Recovery plan cannot meet the RTO of 3h: 3 h 20 min on the critical path, 20 min over "
                        + "(Key Vault → Storage → Databricks → Power BI)",
                f.summary());
    }

    @Test
    void aReportFromMeasuredDurationsCarriesItsBasisAndTheDrillFindings() {
        Instant lastDrill = Instant.parse("2025-10-01T12:00:00Z");
        FeasibilityReport report = new FeasibilityReport(
                "p",
                "Small Test Platform",
                Instant.parse("2026-11-22T10:00:00Z"),
                "fp",
                Duration.ofHours(3),
                Duration.ofMinutes(240),
                Duration.ofMinutes(-60),
                false,
                false,
                List.of("key-vault", "storage", "databricks", "power-bi"),
                List.of(
                        new FeasibilityReport.Finding(
                                FeasibilityReport.Finding.RTO_EXCEEDED,
                                null,
                                "Measured plan cannot meet the RTO of 3h: 4 h, 1 h over",
                                Duration.ofHours(3),
                                Duration.ofHours(4),
                                Duration.ofHours(1),
                                List.of("databricks", "power-bi"),
                                List.of("Extend the RTO with stakeholders")),
                        new FeasibilityReport.Finding(
                                FeasibilityReport.Finding.DRILL_OVERDUE,
                                null,
                                "No completed drill since 2025-10-01; the policy is every 365 days",
                                Duration.ofDays(365),
                                Duration.ofDays(417),
                                Duration.ofDays(52),
                                List.of(),
                                List.of()),
                        new FeasibilityReport.Finding(
                                FeasibilityReport.Finding.STEPS_NEVER_MEASURED,
                                "data-factory",
                                "Data Factory: its steps were never measured in a drill",
                                null,
                                null,
                                null,
                                List.of(),
                                List.of())),
                FeasibilityReport.BASIS_LATEST_DRILL,
                List.of("p-20251001T1000-ab12"),
                lastDrill);

        FeasibilityFinding f = FeasibilityCheck.of(report, Samples.catalog("p"));

        assertEquals("latest-drill", f.basis());
        assertEquals(List.of("p-20251001T1000-ab12"), f.drillsUsed());
        assertEquals(lastDrill, f.lastDrillAt());
        assertEquals("measured in the latest drill or DR run (p-20251001T1000-ab12)", f.basisText());
        assertEquals(
                List.of("rto-exceeded", "drill-overdue", "steps-never-measured"),
                f.findings().stream().map(FeasibilityFinding.Item::kind).toList());
        assertEquals("data-factory", f.findings().get(2).componentId());
        assertEquals(52 * 24 * 60, f.findings().get(1).overByMinutes());
        assertEquals("Measured plan cannot meet the RTO of 3h: 4 h, 1 h over (+2 more)", f.summary());
        assertFalse(f.meetsRto());
        assertEquals(
                "catalog estimates (no drill measured yet)",
                FeasibilityCheck.of(Samples.catalog("p")).basisText());
        assertEquals(
                "worst of the last drills and DR runs (a, b)",
                new FeasibilityFinding(
                                "p",
                                "n",
                                "correlator",
                                true,
                                true,
                                0,
                                0,
                                0,
                                "",
                                List.of(),
                                List.of(),
                                null,
                                FeasibilityReport.BASIS_WORST_OF_DRILLS,
                                List.of("a", "b"),
                                null,
                                385,
                                12L,
                                "b",
                                List.of())
                        .basisText());
        FeasibilityFinding flagged = new FeasibilityFinding(
                "p",
                "n",
                "correlator",
                true,
                true,
                480,
                385,
                95,
                "",
                List.of(),
                List.of(),
                null,
                FeasibilityReport.BASIS_ESTIMATES,
                List.of(),
                null,
                385,
                8L,
                "d1",
                List.of("d1"));
        assertEquals(
                "catalog estimates (the measurements of d1 are flagged and wait for a DR lead's acceptance)",
                flagged.basisText());
        assertEquals(
                "Estimated plan 6 h 25 min; measured plan 8 min (d1); the verdict uses the estimates",
                flagged.sideBySideText());
    }
}
