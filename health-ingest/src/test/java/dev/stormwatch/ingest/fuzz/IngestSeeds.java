package dev.stormwatch.ingest.fuzz;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.ExpectedEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The payloads the ingest fuzz starts from: the public provider samples in {@code ../shared/fixtures} (read in place,
 * never copied), this module's own test payloads and hand-written canonical events. Every key they carry (tracking ids,
 * subscription and resource names) is salted with the run's salt, so that what the fuzz publishes never shares a key
 * with the fixture records other test classes assert, whichever runs first.
 */
final class IngestSeeds {

    /** One starting payload and where it came from. */
    record Seed(String name, byte[] body) {}

    private IngestSeeds() {}

    /** The fixtures folder, or null when {@code stormwatch.shared.dir} does not lead to one. */
    static Path sharedFixtures() {
        String shared = System.getProperty("stormwatch.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "fixtures");
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    /** What an action group or Event Grid subscription posts: the common-alert-schema and Event Grid samples. */
    static List<Seed> webhookFixtures(Path fixtures, String salt) {
        List<Seed> out = new ArrayList<>();
        for (String folder : List.of("common-alert-schema", "eventgrid-health-resources")) {
            out.addAll(folder(fixtures.resolve(folder), salt));
        }
        return out;
    }

    /**
     * Every other provider sample (REST, Graph, Resource Graph, Event Hubs envelope, the RSS excerpt): off-shape input.
     */
    static List<Seed> otherFixtures(Path fixtures, String salt) {
        List<Seed> out = new ArrayList<>();
        for (String folder : List.of(
                "activity-log-eventhub",
                "activity-log-rest",
                "resource-health-api",
                "resource-graph",
                "graph-service-health",
                "status-feed")) {
            out.addAll(folder(fixtures.resolve(folder), salt));
        }
        return out;
    }

    /** This module's own payloads: the Event Hubs records it tests with and an administrative activity-log alert. */
    static List<Seed> modulePayloads(String salt) {
        List<Seed> out = new ArrayList<>();
        try (InputStream in = IngestSeeds.class.getResourceAsStream("/eventhubs/servicehealth-records.json")) {
            if (in != null) {
                out.add(new Seed(
                        "eventhubs/servicehealth-records.json",
                        salted(new String(in.readAllBytes(), StandardCharsets.UTF_8), salt)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add(new Seed("administrative-alert", salted("""
                {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"signalType":"Activity Log",
                 "monitoringService":"Activity Log - Administrative",\
                "alertTargetIDs":["/subscriptions/11111111-1111-1111-1111-111111111111"]},
                 "alertContext":{"operationName":"Microsoft.Compute/virtualMachines/delete",\
                "eventTimestamp":"2024-01-01T00:00:00Z"}}}""", salt)));
        return out;
    }

    /**
     * Canonical HealthEvent JSON for the events endpoint: single objects, a batch, a minimal one, the webhook fixtures'
     * expected events.
     */
    static List<Seed> canonical(String salt) {
        Instant t = Instant.parse("2024-03-01T10:00:00Z");
        HealthEvent incident = new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                "FZ1-" + salt,
                "Key Vault - West Europe",
                "Investigating.",
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService("Key Vault", "westeurope")),
                List.of(),
                null,
                t.minusSeconds(3600),
                null,
                t,
                "https://app.azure.com/h/FZ1",
                null,
                false);
        HealthEvent resource = new HealthEvent(
                "canonical",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                "Unavailable",
                null,
                HealthStage.ACTIVE,
                "error",
                List.of(),
                List.of("/subscriptions/" + salt
                        + "/resourcegroups/rg/providers/microsoft.storage/storageaccounts/lake"),
                salt,
                t,
                null,
                t,
                null,
                "unavailable",
                false);
        HealthEvent maintenance = new HealthEvent(
                "load-test",
                HealthEventKind.PLANNED_MAINTENANCE,
                "FZ2-" + salt,
                "Planned maintenance",
                "Reboots expected.",
                HealthStage.PLANNED,
                "informational",
                List.of(
                        new ImpactedService("Virtual Machines", "australiaeast"),
                        new ImpactedService("Storage", "australiasoutheast")),
                List.of(),
                null,
                t.plusSeconds(86_400),
                t.plusSeconds(90_000),
                t,
                null,
                null,
                true);
        List<Seed> out = new ArrayList<>();
        out.add(new Seed("canonical-incident", JsonCodec.toBytes(incident)));
        out.add(new Seed("canonical-resource", JsonCodec.toBytes(resource)));
        out.add(new Seed("canonical-batch", JsonCodec.toBytes(List.of(incident, maintenance, resource))));
        out.add(new Seed(
                "canonical-minimal",
                ("{\"kind\":\"service-incident\",\"stage\":\"active\",\"lastUpdate\":\"2024-03-01T10:00:00Z\","
                                + "\"trackingId\":\"FZ3-" + salt
                                + "\",\"impacted\":[{\"service\":\"Storage\",\"region\":\"West Europe\"}]}")
                        .getBytes(StandardCharsets.UTF_8)));
        out.add(new Seed(
                "expected-cas-incident",
                salted(
                        new String(
                                JsonCodec.toBytes(ExpectedEvents.casServiceHealthIncident(
                                        List.of(new ImpactedService("Azure Service Name", "global")))),
                                StandardCharsets.UTF_8),
                        salt)));
        out.add(new Seed(
                "expected-cas-resourcehealth",
                salted(
                        new String(JsonCodec.toBytes(ExpectedEvents.casResourceHealth()), StandardCharsets.UTF_8),
                        salt)));
        return out;
    }

    /**
     * The run's own keys: the fixtures' tracking ids, subscription and resource names with the salt added (the
     * subscription GUID keeps its shape, so that a normalizer checking it still reads it).
     */
    static byte[] salted(String text, String salt) {
        String guid = "f0220000-0000-4000-8000-" + salt;
        return text.replace("ABC1-DEF", "ABC1-DEF-" + salt)
                .replace("11111111-1111-1111-1111-111111111111", guid)
                .replace("<subscription Id>", guid)
                .replace("<subscription id>", guid)
                .replace("<resource name>", "vm-" + salt)
                .replace("{vm-name}", "vm-" + salt)
                .replace("{subscription-id}", guid)
                .replace("<GUID>", "GUID-" + salt)
                .replace("NA0F-BJG", "NA0F-BJG-" + salt)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The salt of a run: twelve hex digits from its seed. */
    static String salt(long seed) {
        return String.format(Locale.ROOT, "%012x", seed & 0xFFFF_FFFF_FFFFL);
    }

    private static List<Seed> folder(Path dir, String salt) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(f -> new Seed(dir.getFileName() + "/" + f.getFileName(), salted(read(f), salt)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
