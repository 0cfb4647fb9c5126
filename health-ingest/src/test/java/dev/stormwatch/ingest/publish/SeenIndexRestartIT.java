package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.IngestBeans;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.local.kafka.SharedBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dedup index survives a restart: a second health-ingest (new index, new producer) rebuilds it from
 * health-events.v1 on the real broker and then refuses the update the first one published, and an older one.
 */
class SeenIndexRestartIT {

    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = SharedBroker.acquire();
    }

    @AfterAll
    static void release() {
        SharedBroker.release();
    }

    @Test
    void secondInstanceRebuildsTheIndexFromTheTopicAndPublishesNoDuplicate() throws Exception {
        String trackingId = "RESTART-" + UUID.randomUUID();
        HealthEvent update = event(trackingId, Instant.parse("2024-05-01T10:00:00Z"), HealthStage.ACTIVE);
        HealthEvent older = event(trackingId, Instant.parse("2024-05-01T09:00:00Z"), HealthStage.ACTIVE);
        HealthEvent newer = event(trackingId, Instant.parse("2024-05-01T11:00:00Z"), HealthStage.RESOLVED);
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name())) {
            try (Instance first = new Instance()) {
                assertEquals(List.of(SeenIndex.Verdict.NEW), first.publish(update));
            }

            try (Instance second = new Instance()) {
                assertEquals(
                        List.of(SeenIndex.Verdict.DUPLICATE, SeenIndex.Verdict.STALE, SeenIndex.Verdict.NEW),
                        second.publish(update, older, newer));
            }

            List<HealthEvent> published = probe.drain().stream()
                    .map(r -> JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))
                    .toList();
            assertEquals(List.of(update, newer), published);
        }
    }

    /** One health-ingest's publishing side: its own index rebuilt from the topic, its own producer. */
    private static final class Instance implements AutoCloseable {
        final SeenIndex index = new SeenIndex();
        final SeenIndexLoader loader = new SeenIndexLoader(bootstrap, index).start();
        final Producer<String, byte[]> producer = IngestBeans.producer(bootstrap, "restart-test");
        final HealthEventPublisher publisher = new HealthEventPublisher(
                producer,
                index,
                new IngestMetrics(new SimpleMeterRegistry()),
                Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(10));

        Instance() throws InterruptedException {
            assertTrue(index.awaitLoaded(Duration.ofSeconds(30)), "index rebuilt from " + Topics.HEALTH_EVENTS.name());
        }

        List<SeenIndex.Verdict> publish(HealthEvent... events) {
            return publisher.publish("canonical", List.of(events)).stream()
                    .map(HealthEventPublisher.Outcome::verdict)
                    .toList();
        }

        @Override
        public void close() {
            loader.close();
            producer.close();
        }
    }

    private static HealthEvent event(String trackingId, Instant at, HealthStage stage) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Storage - Australia East",
                "text",
                stage,
                "warning",
                List.of(new ImpactedService("Storage", "australiaeast")),
                List.of(),
                null,
                null,
                null,
                at,
                null,
                null,
                false);
    }
}
