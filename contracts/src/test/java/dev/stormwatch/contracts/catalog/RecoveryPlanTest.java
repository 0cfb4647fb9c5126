package dev.stormwatch.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/dr-process.md, "The RTO arithmetic". */
class RecoveryPlanTest {

    static final String SPEC_EXAMPLE = """
            platform:
              id: example
              primaryRegion: westeurope
              secondaryRegion: northeurope
              strategy: warm-spare
              rto: %s
            components:
              - id: key-vault
                service: Key Vault
                layer: foundation
                recovery:
                  - { name: restore vault, expected: 20m, contingency: 10m }
              - id: storage
                service: Storage
                layer: store
                dependsOn: [key-vault]
                recovery:
                  - { name: fail over storage, expected: 60m, contingency: 30m }
              - id: data-factory
                service: Data Factory
                layer: ingest
                dependsOn: [key-vault]
                recovery:
                  - { name: enable runtime, expected: 30m, contingency: 15m }
              - id: databricks
                service: Azure Databricks
                layer: model
                dependsOn: [storage]
                recovery:
                  - { name: deploy workspace, expected: 40m, contingency: 20m, parallelGroup: ws }
                  - { name: restore jobs, expected: 25m, contingency: 5m, parallelGroup: ws }
              - id: power-bi
                service: Power BI
                layer: serve
                dependsOn: [databricks, data-factory]
                recovery:
                  - { name: repoint datasets, expected: 15m, contingency: 5m }
            contacts: []
            """;

    static Catalog example(String rto) {
        return CatalogLoader.parse("spec-example.yaml", SPEC_EXAMPLE.formatted(rto));
    }

    @Test
    void criticalPathIsKeyVaultStorageDatabricksPowerBiAt200Minutes() {
        RecoveryPlan plan = RecoveryPlan.of(example("8h"));

        assertEquals(Duration.ofMinutes(200), plan.total());
        assertEquals(List.of("key-vault", "storage", "databricks", "power-bi"), plan.criticalComponents());
        assertEquals(
                List.of(Duration.ofMinutes(30), Duration.ofMinutes(90), Duration.ofMinutes(60), Duration.ofMinutes(20)),
                plan.criticalPath().stream()
                        .map(RecoveryPlan.ComponentSchedule::duration)
                        .toList());
    }

    @Test
    void parallelGroupLastsAsLongAsItsLongestStep() {
        RecoveryPlan plan = RecoveryPlan.of(example("8h"));
        RecoveryPlan.ComponentSchedule databricks = plan.schedule().stream()
                .filter(s -> s.componentId().equals("databricks"))
                .findFirst()
                .orElseThrow();

        assertEquals(Duration.ofMinutes(120), databricks.start());
        assertEquals(Duration.ofMinutes(180), databricks.finish());
        assertEquals(
                databricks.steps().get(0).start(), databricks.steps().get(1).start());
    }

    @Test
    void runOrderIsFoundationFirstThenWorkflowLeftToRight() {
        RecoveryPlan plan = RecoveryPlan.of(example("8h"));

        // storage (store) and data-factory (ingest) both start at 30 min: ingest comes first, left to right.
        assertEquals(
                List.of("key-vault", "data-factory", "storage", "databricks", "power-bi"),
                plan.schedule().stream()
                        .map(RecoveryPlan.ComponentSchedule::componentId)
                        .toList());
    }

    @Test
    void invokeDrDeadlineIsImpactStartPlusRtoMinusCriticalPath() {
        Catalog catalog = example("8h");
        RecoveryPlan plan = RecoveryPlan.of(catalog);
        Instant impactStart = Instant.parse("2026-11-22T10:00:00Z");

        Instant decideBy = impactStart.plus(catalog.platform().rtoDuration()).minus(plan.total());

        assertEquals(Instant.parse("2026-11-22T14:40:00Z"), decideBy);
        assertTrue(plan.meets(catalog.platform().rtoDuration()));
    }

    @Test
    void threeHourRtoIsInfeasibleByTwentyMinutes() {
        Catalog catalog = example("3h");
        RecoveryPlan plan = RecoveryPlan.of(catalog);

        assertFalse(plan.meets(catalog.platform().rtoDuration()));
        assertEquals(Duration.ofMinutes(-20), plan.slack(catalog.platform().rtoDuration()));
    }

    @Test
    void measuredDurationsReplaceEstimates() {
        RecoveryPlan plan = RecoveryPlan.of(
                example("8h"),
                (component, step) -> component.equals("storage") ? Duration.ofMinutes(150) : step.plannedDuration());

        assertEquals(Duration.ofMinutes(260), plan.total());
    }
}
