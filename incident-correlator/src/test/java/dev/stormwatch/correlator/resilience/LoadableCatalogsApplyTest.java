package dev.stormwatch.correlator.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every catalog the contracts' loader accepts, the correlator can apply: seeded mutants of the example DR plan (the
 * seed the loader's own fuzzing starts from) that change what the correlator derives its work from — regions, strategy,
 * RTO and step durations, priorities, services, dependencies, whole lines — are kept when the loader accepts them, and
 * each is published on catalog.v1 and hit by an outage of one of its services in its primary region. None may be
 * dead-lettered or fail the platform's correlation; each publishes its feasibility.
 *
 * <p>Replay: {@code -Dstormwatch.fuzz.seed=<seed>}, {@code -Dstormwatch.fuzz.correlator.iterations=<n>}.
 */
class LoadableCatalogsApplyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String[] REGIONS = {
        "Australia East",
        "Australia Southeast",
        "westeurope",
        "North Europe",
        "global",
        "eastus2",
        "UK South",
        "Sweden Central"
    };
    static final String[] DURATIONS = {"1m", "15m", "90m", "4h", "8h", "48h", "30d", "365d"};
    static final String[] STRATEGIES = {"redeploy", "warm-spare", "hot-spare"};
    static final String[] SERVICES = {
        "Storage",
        "Key Vault",
        "SQL Database",
        "Azure Databricks",
        "Power BI",
        "Virtual Network",
        "Some Service Nobody Knows"
    };
    static final Pattern VALUE = Pattern.compile("^(\\s*-?\\s*)(primaryRegion|secondaryRegion|strategy|rto|rpo|expected"
            + "|contingency|priority|service|drillInterval):\\s*(.*)$");

    @Test
    void everyMutantTheLoaderAcceptsIsAppliedAndPublishesItsFeasibility() throws IOException {
        long seed = Long.getLong("stormwatch.fuzz.seed", 20261206L);
        int iterations = Integer.getInteger("stormwatch.fuzz.correlator.iterations", 150);
        Path example = Path.of("..").toAbsolutePath().normalize().resolve("deploy/catalog/contoso-data-platform.yaml");
        String seedYaml = Files.readString(example);
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            for (int i = 0; i < iterations; i++) {
                SplittableRandom rnd = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
                String platformId = "mutant-" + i;
                List<String> applied = new ArrayList<>();
                String yaml = mutate(seedYaml.replace("id: contoso-data-platform", "id: " + platformId), rnd, applied);
                Catalog catalog;
                try {
                    catalog = CatalogLoader.parse(platformId + ".yaml", yaml);
                } catch (CatalogException e) {
                    rejected++;
                    continue;
                }
                accepted++;
                String replay = "iteration " + i + " (seed " + seed + "): " + String.join("; ", applied);
                driver.catalog(catalog);
                String service = catalog.components()
                        .get(rnd.nextInt(catalog.components().size()))
                        .service();
                HealthEvent outage = HealthEvents.incident(
                                "MUT-" + i, service, catalog.platform().primaryRegion(), driver.now())
                        .build();
                driver.health(outage);

                List<RejectedInput> dead = driver.deadLetters();
                List<AuditRecord> failed = driver.audit().stream()
                        .filter(a -> a.action().equals("correlation-failed"))
                        .toList();
                List<FeasibilityReport> feasibility = driver.feasibility().stream()
                        .filter(f -> f.platformId().equals(platformId))
                        .toList();
                if (!dead.isEmpty() || !failed.isEmpty() || feasibility.size() != 1) {
                    failures.add(replay + "\n  dead letters "
                            + dead.stream().map(RejectedInput::reason).toList()
                            + "\n  failures "
                            + failed.stream().map(AuditRecord::detail).toList()
                            + "\n  feasibility reports " + feasibility.size());
                }
                driver.drain();
            }
        }
        System.out.printf(
                "FUZZ correlator-apply: iterations=%d seed=%d accepted=%d rejected=%d failures=%d%n",
                iterations, seed, accepted, rejected, failures.size());
        assertTrue(accepted > iterations / 4, "too few mutants accepted to say anything: " + accepted);
        assertEquals(
                List.of(), failures.stream().limit(5).toList(), failures.size() + " accepted catalog(s) not applied");
    }

    /**
     * One to four mutations: a value swapped for another of its kind, a dependency dropped, a line deleted or doubled.
     */
    static String mutate(String yaml, SplittableRandom rnd, List<String> applied) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            switch (rnd.nextInt(5)) {
                case 0, 1 -> {
                    // The next line holding a value the correlator derives its work from.
                    for (int j = 0; j < lines.size(); j++) {
                        int idx = (at + j) % lines.size();
                        Matcher m = VALUE.matcher(lines.get(idx));
                        if (m.matches()) {
                            String value = switch (m.group(2)) {
                                case "primaryRegion", "secondaryRegion" -> pick(REGIONS, rnd);
                                case "strategy" -> pick(STRATEGIES, rnd);
                                case "priority" -> String.valueOf(rnd.nextInt(5));
                                case "service" -> pick(SERVICES, rnd);
                                default -> pick(DURATIONS, rnd);
                            };
                            lines.set(idx, m.group(1) + m.group(2) + ": " + value);
                            applied.add("line " + (idx + 1) + ": " + m.group(2) + " → " + value);
                            break;
                        }
                    }
                }
                case 2 -> {
                    int idx = indexOf(lines, "dependsOn:", at);
                    if (idx >= 0) {
                        applied.add("line " + (idx + 1) + " dropped: "
                                + lines.get(idx).trim());
                        lines.remove(idx);
                    }
                }
                case 3 -> {
                    applied.add("line " + (at + 1) + " deleted: " + line.trim());
                    lines.remove(at);
                }
                default -> {
                    applied.add("line " + (at + 1) + " doubled: " + line.trim());
                    lines.add(at, line);
                }
            }
        }
        return String.join("\n", lines);
    }

    private static int indexOf(List<String> lines, String text, int from) {
        for (int j = 0; j < lines.size(); j++) {
            int idx = (from + j) % lines.size();
            if (lines.get(idx).contains(text)) {
                return idx;
            }
        }
        return -1;
    }

    private static String pick(String[] values, SplittableRandom rnd) {
        return values[rnd.nextInt(values.length)];
    }
}
