package dev.stormwatch.ingest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.IngestBeans;
import dev.stormwatch.ingest.JwksTestResource;
import dev.stormwatch.ingest.publish.EventIds;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: not in the default build (surefire excludes *Benchmark), run with {@code ./mvnw -B -o -pl
 * health-ingest test -Dbenchmark -Dtest=IngestThroughputBenchmark}. Prints the accepted-event throughput of {@code POST
 * /api/v1/ingest/events} (batches of new canonical events, several clients) into the real broker, and in the same run
 * the raw figure of a Kafka producer with the same settings sending records of the same size, so the cost of HTTP,
 * JSON, dedup and waiting for acks=all can be read off.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
class IngestThroughputBenchmark {

    private static final int BATCH = Integer.getInteger("bench.batch", 500);
    private static final int BATCHES = Integer.getInteger("bench.batches", 60);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);

    @TestHTTPResource("/api/v1/ingest/events")
    URL endpoint;

    @Test
    void acceptedEventsPerSecondAgainstTheRawProducer() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(endpoint + "?token=test-secret");
        post(http, uri, batch(BATCH));
        post(http, uri, batch(BATCH));

        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            bodies.add(batch(BATCH));
        }
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (byte[] body : bodies) {
            done.add(pool.submit(() -> accepted.addAndGet(post(http, uri, body))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double endpointSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertEquals((long) BATCH * BATCHES, accepted.get());

        HealthEvent sample = event(UUID.randomUUID().toString());
        byte[] record =
                JsonCodec.toBytes(HealthEventPublisher.envelope(sample, EventIds.of(sample), Clock.systemUTC()));
        int records = BATCH * BATCHES;
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        double producerSeconds;
        try (Producer<String, byte[]> producer = IngestBeans.producer(bootstrap, "benchmark-raw")) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), "warmup-" + i, record));
            }
            producer.flush();
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), "raw-" + i, record));
            }
            producer.flush();
            producerSeconds = (System.nanoTime() - t0) / 1e9;
        }

        System.out.printf(
                "%n=== health-ingest throughput (%d cores) ===%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf("record size: %d bytes (CloudEvent of one canonical HealthEvent)%n", record.length);
        System.out.printf(
                "POST /api/v1/ingest/events: %d events in %d batches of %d, %d clients: %.2f s → %.0f accepted "
                        + "events/s%n",
                accepted.get(), BATCHES, BATCH, CLIENTS, endpointSeconds, accepted.get() / endpointSeconds);
        System.out.printf(
                "raw Kafka producer (acks=all, idempotent, same settings), same record size: %d records in %.2f s → "
                        + "%.0f records/s%n",
                records, producerSeconds, records / producerSeconds);
        System.out.printf(
                "endpoint / raw producer: %.1f %%%n%n",
                100 * (accepted.get() / endpointSeconds) / (records / producerSeconds));
    }

    private static long post(HttpClient http, URI uri, byte[] body) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return JsonCodec.mapper().readTree(r.body()).path("accepted").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] batch(int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<HealthEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event(run + "-" + i));
        }
        return JsonCodec.toBytes(events);
    }

    private static HealthEvent event(String id) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                "BENCH-" + id,
                "Storage - Australia East",
                "Starting at 02:00 UTC a subset of customers using Storage in Australia East may experience errors or "
                        + "timeouts. Engineers are investigating; the next update will be provided in 60 minutes.",
                HealthStage.ACTIVE,
                "warning",
                List.of(
                        new ImpactedService("Storage", "australiaeast"),
                        new ImpactedService("Key Vault", "australiaeast")),
                List.of(),
                "11111111-1111-1111-1111-111111111111",
                Instant.parse("2024-03-01T02:00:00Z"),
                null,
                Instant.parse("2024-03-01T02:30:00Z"),
                "https://app.azure.com/h/BENCH-" + id + "/111111",
                null,
                false);
    }
}
