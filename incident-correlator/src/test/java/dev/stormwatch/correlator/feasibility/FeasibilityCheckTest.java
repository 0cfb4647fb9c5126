package dev.stormwatch.correlator.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.platform.CatalogView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recovery plan against the RTO, and per-stage freshness compounding (docs/dr-process.md). */
class FeasibilityCheckTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void specExampleWithAnRtoOf8hIsFeasibleWith4h40mToSpare() {
        FeasibilityReport r = FeasibilityCheck.evaluate(CatalogView.of(Catalogs.specExample("warm-spare", "8h")), NOW);
        assertTrue(r.feasible());
        assertTrue(r.meetsRto());
        assertEquals(Duration.ofMinutes(200), r.recoveryTotal());
        assertEquals(Duration.ofMinutes(280), r.slack());
        assertEquals(List.of("key-vault", "storage", "databricks", "power-bi"), r.criticalPath());
        assertEquals(List.of(), r.findings());
    }

    @Test
    void specExampleWithAnRtoOf3hIsInfeasibleBy20MinutesWithTheSeedsOptions() {
        FeasibilityReport r = FeasibilityCheck.evaluate(CatalogView.of(Catalogs.specExample("warm-spare", "3h")), NOW);
        assertFalse(r.feasible());
        assertFalse(r.meetsRto());
        assertEquals(Duration.ofMinutes(-20), r.slack());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals(Finding.RTO_EXCEEDED, f.kind());
        assertEquals(Duration.ofHours(3), f.limit());
        assertEquals(Duration.ofMinutes(200), f.needed());
        assertEquals(Duration.ofMinutes(20), f.overBy());
        // Databricks finishes at 3h (not late); Power BI at 3h20m.
        assertEquals(List.of("power-bi"), f.lateComponents());
        assertEquals(
                "The recovery plan takes 3h20m, 20m over the RTO of 3h; critical path key-vault → storage →"
                        + " databricks → power-bi",
                f.summary());
        assertEquals(
                List.of(
                        "Automate selected recovery steps; the longest on the path are storage: fail over storage "
                                + "(1h30m), databricks: deploy workspace (1h), key-vault: restore vault (30m)",
                        "Run recovery steps in parallel where they do not depend on each other (needs more DR "
                                + "executors): the path key-vault → storage → databricks → power-bi runs one "
                                + "component after another; check whether each dependency is real",
                        "Uplift key components to a higher service tier (PaaS with provider-managed failover, a warm "
                                + "or hot spare) so that Microsoft carries more of the recovery: storage (1h30m), "
                                + "databricks (1h)",
                        "Extend the RTO with stakeholders to at least 3h20m"),
                f.options());
    }

    @Test
    void contosoMeetsItsRtoButPowerBisFourHourFreshnessNeedsSynapseAndAnalysisServicesSooner() {
        FeasibilityReport r = FeasibilityCheck.evaluate(CatalogView.of(Catalogs.contoso()), NOW);
        assertTrue(r.meetsRto());
        assertFalse(r.feasible());
        assertEquals(Duration.ofMinutes(385), r.recoveryTotal());
        assertEquals(Duration.ofMinutes(95), r.slack());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals(Finding.FRESHNESS_EXCEEDED, f.kind());
        assertEquals("power-bi", f.componentId());
        assertEquals(Duration.ofHours(4), f.limit());
        assertEquals(List.of("synapse", "analysis-services", "power-bi"), f.lateComponents());
        assertEquals(Duration.ofMinutes(385), f.needed());
        assertEquals(Duration.ofMinutes(145), f.overBy());
        assertEquals(
                "Power BI reports must be fresh within 4h (each upstream stage must be recoverable within"
                        + " it), but its upstream finishes too late: Synapse presentation (dedicated SQL pool) "
                        + "(5h20m), Analysis Services model (6h5m); Power BI reports itself is recovered at 6h25m",
                f.summary());
        assertEquals(4, f.options().size());
        assertEquals(
                "Agree a longer freshness target for Power BI reports with its consumers (at least 6h25m), or extend"
                        + " the RTO of the stages before it",
                f.options().get(3));
    }

    @Test
    void aStageWhoseUpstreamFinishesInTimeHasNoFinding() {
        String yaml = """
                platform: { id: p, primaryRegion: westeurope, secondaryRegion: northeurope, strategy: redeploy,\
                 rto: 8h }
                components:
                  - { id: raw, service: Storage, layer: store, stage: raw, recovery: [ { name: fail over,\
                 expected: 1h } ] }
                  - id: report
                    service: Power BI
                    layer: serve
                    stage: presentation
                    freshness: 2h
                    dependsOn: [raw]
                    recovery: [ { name: repoint, expected: 30m, contingency: 30m } ]
                contacts: []
                """;
        FeasibilityReport r = FeasibilityCheck.evaluate(CatalogView.of(Catalogs.parse(yaml)), NOW);
        assertTrue(r.feasible());
        assertEquals(Duration.ofHours(2), r.recoveryTotal());
    }
}
