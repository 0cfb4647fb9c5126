package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The dedup index and the refused-send markers stay within their retention and their counts, however long it runs. */
class SeenIndexBoundsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void factsNotUpdatedForLongerThanTheRetentionAreForgottenAndTheCountIsCapped() {
        MutableClock clock = new MutableClock(T0);
        SeenIndex index = new SeenIndex(Duration.ofDays(30), 1_000, 32, clock);
        for (int i = 0; i < 500; i++) {
            assertEquals(SeenIndex.Verdict.NEW, index.admit("fact-" + i, "id-" + i, clock.instant()));
        }
        clock.advance(Duration.ofDays(31));
        index.admit("fresh", "id-fresh", clock.instant());
        assertEquals(1, index.keys(), "facts older than the retention are gone");

        for (int i = 0; i < 5_000; i++) {
            index.admit("busy-" + i, "id-busy-" + i, clock.instant());
        }
        assertEquals(1_000, index.keys());
        assertEquals(
                SeenIndex.Verdict.DUPLICATE,
                index.admit("busy-4999", "id-busy-4999", clock.instant()),
                "the newest facts are still known");
    }

    @Test
    void oneFactKeepsItsNewestIdsOnlyAndStillTurnsOlderCopiesAway() {
        MutableClock clock = new MutableClock(T0);
        SeenIndex index = new SeenIndex(Duration.ofDays(30), 1_000, 32, clock);
        for (int i = 0; i < 10_000; i++) {
            index.admit("long-incident", "update-" + i, T0.plusSeconds(i));
        }

        assertEquals(32, index.ids());
        assertEquals(SeenIndex.Verdict.DUPLICATE, index.admit("long-incident", "update-9999", T0.plusSeconds(9_999)));
        assertEquals(
                SeenIndex.Verdict.STALE,
                index.admit("long-incident", "update-0", T0),
                "an id forgotten long ago is older than the newest update: still not published");
    }

    @Test
    void markersOfSendsKafkaRefusedLeaveAfterTheirRetention() {
        MutableClock clock = new MutableClock(T0);
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        HealthEventPublisher publisher = new HealthEventPublisher(
                producer,
                new SeenIndex(),
                new IngestMetrics(new SimpleMeterRegistry()),
                clock,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                100);
        producer.sendException = new TimeoutException("broker unreachable");
        for (int i = 0; i < 1_000; i++) {
            HealthEvent e = event("TRK-" + i, clock.instant());
            assertThrows(PublishException.class, () -> publisher.publish("canonical", List.of(e)));
            clock.advance(Duration.ofSeconds(10));
        }

        assertEquals(100, publisher.failedMarkers(), "at most the configured count");
        clock.advance(Duration.ofHours(2));
        producer.sendException = null;
        publisher.publish("canonical", List.of(event("TRK-late", clock.instant())));
        assertEquals(0, publisher.failedMarkers(), "none older than an hour");
        assertEquals(0, publisher.inFlight());
    }

    static HealthEvent event(String trackingId, Instant lastUpdate) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Storage outage",
                "Investigating.",
                HealthStage.ACTIVE,
                "error",
                List.of(new ImpactedService("Storage", "westeurope")),
                List.of(),
                null,
                lastUpdate,
                null,
                lastUpdate,
                null,
                null,
                false);
    }
}
