package dev.stormwatch.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.JwksTestResource;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.ingest.publish.EventIds;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input for both push intakes, on the real Kafka broker: seeded mutants of the public provider samples in
 * ../shared/fixtures and of this module's own payloads are posted with a valid token. Every answer must come within
 * {@link #PER_REQUEST}, never be a 5xx, and be either a 4xx with a message whose DLQ record (read back from
 * health-events.dlq.v1 with a plain consumer) carries that reason and the raw body, or a 202 whose accepted events are
 * exactly the records on health-events.v1 and whose other events are answered duplicate, stale or unsupported (the
 * unsupported reason in the DLQ too). Each run ends with a valid request that must be accepted and published.
 *
 * <p>Replay: {@code -Dstormwatch.fuzz.seed=<seed>} reruns a run, {@code -Dstormwatch.fuzz.iteration=<n>} sends only
 * that mutant, {@code -Dstormwatch.fuzz.ingest.requests=<n>} changes the count per endpoint.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
class IngestEndpointsFuzzIT {

    static final String WEBHOOK = "/api/v1/ingest/azure-monitor";
    static final String EVENTS = "/api/v1/ingest/events";
    static final long DEFAULT_SEED = 20261122L;
    static final int DEFAULT_REQUESTS = 300;
    static final Duration PER_REQUEST = Duration.ofSeconds(30);

    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json",
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        null,
        "application/octet-stream",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=fuzz",
        "application/cloudevents+json",
        "application/json; charset=iso-8859-1"
    };

    private static TopicProbe events;
    private static TopicProbe dlq;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void probes() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name());
        dlq = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS_DLQ.name());
    }

    @AfterAll
    static void close() {
        events.close();
        dlq.close();
    }

    @Test
    void azureMonitorWebhookAnswersEveryMutantWithin30sWithoutA5xxAndKeepsEveryRefusalInTheDlq() throws Exception {
        long seed = Long.getLong("stormwatch.fuzz.seed", DEFAULT_SEED);
        String salt = IngestSeeds.salt(seed);
        Path fixtures = SharedFixtures.dir(); // skipped, with the reason printed, without ../shared
        List<IngestSeeds.Seed> seeds = new ArrayList<>();
        List<IngestSeeds.Seed> webhook = IngestSeeds.webhookFixtures(fixtures, salt);
        for (int i = 0; i < 4; i++) {
            seeds.addAll(webhook); // what the endpoint is for, four times as often as the rest
        }
        seeds.addAll(IngestSeeds.modulePayloads(salt));
        seeds.addAll(IngestSeeds.otherFixtures(fixtures, salt));
        seeds.addAll(IngestSeeds.canonical(salt));

        IngestFuzzRun run = fuzz("azure-monitor", WEBHOOK, "azure-monitor", seed, 0x5EB400CL, seeds);

        // Still serving: the service-health fixture with a tracking id of its own is accepted and published.
        ObjectNode alert = (ObjectNode) JsonCodec.mapper()
                .readTree(IngestSeeds.salted(
                        new String(
                                SharedFixtures.bytes("common-alert-schema/cas-servicehealth-incident-testaction.json"),
                                StandardCharsets.UTF_8),
                        salt));
        String trackingId = "FINAL-" + salt + "-" + System.nanoTime();
        ((ObjectNode) alert.path("data").path("alertContext").path("properties")).put("trackingId", trackingId);
        assertStillServing(run, WEBHOOK, JsonCodec.toBytes(alert), trackingId);
    }

    @Test
    void canonicalEventsEndpointAnswersEveryMutantWithin30sWithoutA5xxAndKeepsEveryRefusalInTheDlq() throws Exception {
        long seed = Long.getLong("stormwatch.fuzz.seed", DEFAULT_SEED);
        String salt = IngestSeeds.salt(seed);
        List<IngestSeeds.Seed> seeds = new ArrayList<>();
        List<IngestSeeds.Seed> canonical = IngestSeeds.canonical(salt);
        for (int i = 0; i < 4; i++) {
            seeds.addAll(canonical);
        }
        seeds.addAll(IngestSeeds.modulePayloads(salt));
        Path fixtures = IngestSeeds.sharedFixtures();
        if (fixtures == null) {
            System.out.println(SharedFixtures.SKIPPED + ": the events fuzz runs on this module's own payloads only");
        } else {
            seeds.addAll(IngestSeeds.webhookFixtures(fixtures, salt));
            seeds.addAll(IngestSeeds.otherFixtures(fixtures, salt));
        }

        IngestFuzzRun run = fuzz("events", EVENTS, "canonical", seed, 0xE7E27L, seeds);

        String trackingId = "FINAL-" + salt + "-" + System.nanoTime();
        HealthEvent good = new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Storage - West Europe",
                "Investigating.",
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService("Storage", "westeurope")),
                List.of(),
                null,
                Instant.parse("2024-03-01T09:00:00Z"),
                null,
                Instant.parse("2024-03-01T10:00:00Z"),
                null,
                null,
                false);
        assertStillServing(run, EVENTS, JsonCodec.toBytes(good), trackingId);
    }

    /** Sends the mutants, then checks the answers against what the broker holds; fails listing every broken promise. */
    private IngestFuzzRun fuzz(
            String name, String endpoint, String source, long seed, long stream, List<IngestSeeds.Seed> seeds)
            throws Exception {
        Integer only = Integer.getInteger("stormwatch.fuzz.iteration");
        int requests = Integer.getInteger("stormwatch.fuzz.ingest.requests", DEFAULT_REQUESTS);
        IngestMutations mutations =
                new IngestMutations(seeds.stream().map(IngestSeeds.Seed::body).toList(), IngestSeeds.salt(seed));
        IngestFuzzRun run = new IngestFuzzRun(root.toURI(), endpoint, source, PER_REQUEST);
        events.mark();
        dlq.mark();
        long started = System.nanoTime();
        int from = only == null ? 0 : only;
        int to = only == null ? requests : only + 1;
        for (int i = from; i < to; i++) {
            SplittableRandom rnd = new SplittableRandom(seed ^ stream ^ (i * 0x9E3779B97F4A7C15L));
            IngestSeeds.Seed start = seeds.get(rnd.nextInt(seeds.size()));
            // One in eight is sent as it is: the unmutated samples must pass through the same checks.
            IngestMutations.Mutant mutant = rnd.nextInt(8) == 0
                    ? new IngestMutations.Mutant(start.body(), List.of("as is"))
                    : mutations.mutate(start.body(), rnd);
            String contentType = CONTENT_TYPES[rnd.nextInt(CONTENT_TYPES.length)];
            boolean header = rnd.nextBoolean();
            String replay = "iteration " + i + " (seed " + seed + ", from " + start.name() + "): "
                    + String.join("; ", mutant.applied());
            JsonNode answer = run.send(i, replay, mutant.body(), contentType, header);
            if (only != null) {
                System.out.println("ingest fuzz replay " + replay + "\n  content-type " + contentType + "\n  body "
                        + IngestMutations.printable(new String(mutant.body(), StandardCharsets.UTF_8)) + "\n  answer "
                        + answer);
            }
        }
        int dlqRecords = run.checkDeadLetters(dlq.drain());
        int eventRecords = run.checkPublished(events.drain());
        System.out.println(
                run.summary(name, seed, dlqRecords, eventRecords, (System.nanoTime() - started) / 1_000_000));
        if (run.failureCount() > 0) {
            fail(run.failureReport(seed));
        }
        return run;
    }

    private void assertStillServing(IngestFuzzRun run, String endpoint, byte[] body, String trackingId) {
        JsonNode answer = run.send(-1, "final valid request", body, "application/json", true);

        assertNotNull(answer, "no answer to the final valid request");
        assertEquals(1, answer.path("accepted").asInt(), answer.toString());
        assertEquals(trackingId, answer.path("events").path(0).path("key").asText(), answer.toString());
        var records = events.drain();
        assertEquals(1, records.size(), "records on health-events.v1 after the final request");
        assertEquals(trackingId, records.get(0).key());
        HealthEvent published = JsonCodec.data(
                JsonCodec.fromJson(records.get(0).value(), dev.stormwatch.contracts.CloudEvent.class),
                HealthEvent.class);
        assertEquals(answer.path("events").path(0).path("id").asText(), EventIds.of(published));
        assertEquals(List.of(), dlq.drain(), "DLQ records after the final valid request");
        assertEquals(0, run.failureCount(), () -> run.failureReport(0));
        System.out.println("FUZZ ingest " + endpoint + ": final valid request accepted and published as "
                + EventIds.of(published));
    }
}
