package dev.stormwatch.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every recorded outage in {@code deploy/scenarios} loads, names its sources, runs against a catalog that validates and
 * whose primary region is the region its alerts hit, and sends payloads that are JSON once their times are filled.
 */
class ScenarioFilesTest {

    private static final Path REPO = Path.of(System.getProperty("stormwatch.repo.dir", "../.."))
            .toAbsolutePath()
            .normalize();
    private static final Path DIR = REPO.resolve("deploy/scenarios");
    private static final Pattern TIME = Pattern.compile("\\{\\{t:([^}]+)}}");

    @Test
    void everyScenarioLoadsWithSourcesAndValidPayloads() throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - 5)));
        }
        assertTrue(
                names.containsAll(List.of(
                        "west-europe-thermal",
                        "central-us-storage",
                        "east-us-2-networking",
                        "east-us-power",
                        "storage-outage")),
                names.toString());
        for (String name : names) {
            Scenario s = Scenario.load(DIR, name);
            assertFalse(s.sources() == null || s.sources().isEmpty(), name + " names its sources");
            for (Scenario.Step step : s.steps()) {
                if (step.payload() == null) {
                    continue;
                }
                String body = Files.readString(DIR.resolve(step.payload()), StandardCharsets.UTF_8);
                Matcher m = TIME.matcher(body);
                while (m.find()) {
                    DurationText.parse(m.group(1));
                }
                JsonCodec.mapper().readTree(m.replaceAll("2025-11-05T16:53:00Z"));
            }
        }
    }

    /** A replay of a real outage: its catalog's primary region is the one every alert names, at level Warning. */
    @Test
    void realOutageReplaysHitTheirCatalogsPrimaryRegion() throws IOException {
        for (String name :
                List.of("west-europe-thermal", "central-us-storage", "east-us-2-networking", "east-us-power")) {
            Scenario s = Scenario.load(DIR, name);
            Catalog catalog = CatalogLoader.load(REPO.resolve(s.catalog()));
            String primary = catalog.platform().primaryRegion();
            for (Scenario.Step step : s.steps()) {
                if (step.payload() == null) {
                    continue;
                }
                JsonNode alert = JsonCodec.mapper()
                        .readTree(TIME.matcher(Files.readString(DIR.resolve(step.payload()), StandardCharsets.UTF_8))
                                .replaceAll("2025-11-05T16:53:00Z"));
                JsonNode context = alert.path("data").path("alertContext");
                assertEquals("Warning", context.path("level").asText(), step.payload());
                JsonNode services = JsonCodec.mapper()
                        .readTree(context.path("properties")
                                .path("impactedServices")
                                .asText());
                assertEquals(1, services.size(), step.payload() + ": one alert per service");
                String region = services.get(0)
                        .path("ImpactedRegions")
                        .get(0)
                        .path("RegionName")
                        .asText();
                assertEquals(Regions.canonical(primary), Regions.canonical(region), step.payload());
                assertEquals(
                        catalog.platform().subscriptions().get(0),
                        alert.path("data")
                                .path("essentials")
                                .path("alertTargetIDs")
                                .get(0)
                                .asText()
                                .substring("/subscriptions/".length()),
                        step.payload());
            }
        }
    }
}
