package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that stops waiting for Kafka (503) while the producer keeps trying: the client's retry must neither store
 * the update a second time nor be told "stored" for an update Kafka then refuses. Kafka's MockProducer lets the test
 * decide when and how each send completes, which a live broker cannot do on cue.
 */
class HealthEventPublisherTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final List<HealthEvent> BATCH = List.of(event("TRK-1"), event("TRK-2"));

    private MockProducer<String, byte[]> producer;
    private IngestMetrics metrics;
    private HealthEventPublisher publisher;

    @BeforeEach
    void setUp() {
        producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        metrics = new IngestMetrics(new SimpleMeterRegistry());
        publisher = new HealthEventPublisher(
                producer, new SeenIndex(), metrics, Clock.fixed(T, ZoneOffset.UTC), Duration.ofMillis(200));
    }

    @Test
    void aRetryWhileTheFirstSendIsStillOnItsWayWaitsForItAndDoesNotSendAgain() {
        PublishException first = assertThrows(PublishException.class, () -> publisher.publish("canonical", BATCH));
        assertTrue(first.getMessage().contains("did not acknowledge 2 of 2"), first.getMessage());
        assertEquals(2, producer.history().size());

        // Still on its way: the retry is refused too, and sends nothing more.
        PublishException again = assertThrows(PublishException.class, () -> publisher.publish("canonical", BATCH));
        assertTrue(again.getMessage().contains("an earlier copy of 2 of these events"), again.getMessage());
        assertEquals(2, producer.history().size());

        // Kafka stores them after all: the next retry is told they are stored, as duplicates, and sends nothing.
        producer.completeNext();
        producer.completeNext();
        List<HealthEventPublisher.Outcome> outcomes = publisher.publish("canonical", BATCH);
        assertEquals(
                List.of(SeenIndex.Verdict.DUPLICATE, SeenIndex.Verdict.DUPLICATE),
                outcomes.stream().map(HealthEventPublisher.Outcome::verdict).toList());
        assertEquals(2, producer.history().size(), "each update sent once");
        assertEquals(
                List.of(Topics.HEALTH_EVENTS.name(), Topics.HEALTH_EVENTS.name()),
                producer.history().stream().map(r -> r.topic()).toList());
        assertEquals(2.0, metrics.value("canonical", IngestMetrics.Outcome.DUPLICATE));
        assertEquals(
                0.0,
                metrics.value("canonical", IngestMetrics.Outcome.ACCEPTED),
                "Kafka acknowledged them after their request had stopped waiting");
    }

    @Test
    void aRetryAfterKafkaRefusedTheFirstSendSendsItAgain() {
        assertThrows(PublishException.class, () -> publisher.publish("canonical", BATCH));
        producer.errorNext(new TimeoutException("Expiring 2 record(s): delivery timeout"));
        producer.errorNext(new TimeoutException("Expiring 2 record(s): delivery timeout"));

        Thread acknowledge = new Thread(() -> {
            while (producer.history().size() < 4) {
                Thread.onSpinWait();
            }
            producer.completeNext();
            producer.completeNext();
        });
        acknowledge.start();
        List<HealthEventPublisher.Outcome> outcomes = publisher.publish("canonical", BATCH);
        assertEquals(
                List.of(SeenIndex.Verdict.NEW, SeenIndex.Verdict.NEW),
                outcomes.stream().map(HealthEventPublisher.Outcome::verdict).toList(),
                "lost the first time: sent again");
        assertEquals(4, producer.history().size());
        assertEquals(2.0, metrics.value("canonical", IngestMetrics.Outcome.ACCEPTED));
    }

    @Test
    void theResultCompletesWhenKafkaHasAcknowledgedEveryRecordWithoutHoldingTheCaller() {
        CompletableFuture<List<HealthEventPublisher.Outcome>> result = publisher.publishAsync("canonical", BATCH);
        assertEquals(2, producer.history().size(), "both handed to the producer before the call returned");
        assertFalse(result.isDone(), "nothing acknowledged yet");

        producer.completeNext();
        assertFalse(result.isDone(), "one of two acknowledged");
        producer.completeNext();

        assertEquals(
                List.of(SeenIndex.Verdict.NEW, SeenIndex.Verdict.NEW),
                result.join().stream()
                        .map(HealthEventPublisher.Outcome::verdict)
                        .toList());
        assertEquals(2.0, metrics.value("canonical", IngestMetrics.Outcome.ACCEPTED));
    }

    @Test
    void theResultFailsWithAPublishExceptionOnceTheTimeoutPassesUnanswered() {
        CompletableFuture<List<HealthEventPublisher.Outcome>> result = publisher.publishAsync("canonical", BATCH);

        CompletionException failed = assertThrows(CompletionException.class, result::join);
        PublishException cause = assertInstanceOf(PublishException.class, failed.getCause());
        assertTrue(cause.getMessage().contains("did not acknowledge 2 of 2"), cause.getMessage());
        assertEquals(0.0, metrics.value("canonical", IngestMetrics.Outcome.ACCEPTED));
    }

    private static HealthEvent event(String trackingId) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Storage outage",
                "Investigating.",
                HealthStage.ACTIVE,
                "error",
                List.of(new ImpactedService("Storage", "australiaeast")),
                List.of(),
                null,
                T,
                null,
                T,
                null,
                null,
                false);
    }
}
