package dev.stormwatch.status.feasibility;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.status.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of("key-vault", "storage", "databricks", "power-bi"),
                f.criticalPath().stream().map(FeasibilityFinding.PathComponent::componentId).toList());
        assertEquals(List.of(0L, 30L, 120L, 180L), f.criticalPath().stream().map(FeasibilityFinding.PathComponent::startMinute).toList());
        assertEquals(List.of(30L, 120L, 180L, 200L), f.criticalPath().stream().map(FeasibilityFinding.PathComponent::finishMinute).toList());
        assertEquals(List.of(new FeasibilityFinding.PathStep("Deploy workspace", "ws", 120, 180),
                new FeasibilityFinding.PathStep("Restore jobs", "ws", 120, 150)), f.criticalPath().get(2).steps());
        assertEquals("Recovery plan fits the RTO of 8h: 3 h 20 min on the critical path, 4 h 40 min to spare "
                + "(Key Vault → Storage → Databricks → Power BI)", f.summary());
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
        assertEquals(List.of(
                "Start with the longest step on the critical path: Fail over storage (storage, 1 h 30 min)",
                "Automate selected recovery processes",
                "Run selected recovery steps in parallel (this may need more DR executors)",
                "Uplift key components to a higher service tier (PaaS), where Microsoft takes more of the recovery",
                "Extend the RTO with stakeholders"), item.options());
        assertEquals("Recovery plan cannot meet the RTO of 3h: 3 h 20 min on the critical path, 20 min over "
                + "(Key Vault → Storage → Databricks → Power BI)", f.summary());
    }
}
