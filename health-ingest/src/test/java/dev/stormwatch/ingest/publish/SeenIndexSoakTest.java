package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.ingest.MutableClock;
import dev.stormwatch.local.soak.HeapAfterGc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A year of health events, time compressed: 1 000 000 updates (ten per tracking id, every seventh arriving twice), one
 * every 30 s of a test clock, so that the 30-day window is full after about 86 000. Every tenth goes through the real
 * publisher (every hundredth refused by Kafka), the others straight into the dedup index it admits with, which keeps
 * the run short. Heap after GC at 1 000 000 must be within 10 % of its value at 100 000.
 */
class SeenIndexSoakTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void heapStaysFlatOverAMillionEvents() {
        MutableClock clock = new MutableClock(T0);
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        SeenIndex index = new SeenIndex(
                Duration.ofDays(30), SeenIndex.DEFAULT_MAX_FACTS, SeenIndex.DEFAULT_MAX_IDS_PER_FACT, clock);
        HealthEventPublisher publisher = new HealthEventPublisher(
                producer,
                index,
                new IngestMetrics(new SimpleMeterRegistry()),
                clock,
                Duration.ofSeconds(1),
                HealthEventPublisher.DEFAULT_FAILED_RETENTION,
                HealthEventPublisher.DEFAULT_MAX_FAILED);
        long started = System.nanoTime();
        long cpuStarted = HeapAfterGc.cpuNanos();
        long at100k = 0;
        HealthEvent previous = null;
        for (int i = 1; i <= 1_000_000; i++) {
            clock.advance(Duration.ofSeconds(30));
            HealthEvent e = SeenIndexBoundsTest.event("TRK-" + (i / 10), clock.instant());
            if (i % 10 == 0) {
                boolean refused = i % 100 == 0;
                producer.sendException = refused ? new TimeoutException("broker unreachable") : null;
                try {
                    publisher.publish("canonical", List.of(e));
                } catch (PublishException expected) {
                    assertTrue(refused, "only the refused sends fail: " + expected.getMessage());
                }
            } else {
                assertEquals(SeenIndex.Verdict.NEW, index.admit(SeenIndex.fact(e), "he-" + i, e.lastUpdate()));
            }
            if (i % 7 == 0 && previous != null) {
                index.admit(SeenIndex.fact(previous), previous.lastUpdate().toString(), previous.lastUpdate());
            }
            previous = e;
            if (i % 1_000 == 0) {
                producer.clear();
            }
            if (i == 100_000) {
                at100k = HeapAfterGc.measure();
                print(i, at100k, index, publisher);
            }
        }
        long at1m = HeapAfterGc.measure();
        print(1_000_000, at1m, index, publisher);
        System.out.printf(
                "SOAK health-ingest: heap after GC %s at 100 000 events, %s at 1 000 000 (%+.1f %%); %d s elapsed, %d "
                        + "s CPU%n",
                HeapAfterGc.mib(at100k),
                HeapAfterGc.mib(at1m),
                100.0 * (at1m - at100k) / at100k,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                Duration.ofNanos(HeapAfterGc.cpuNanos() - cpuStarted).toSeconds());

        assertTrue(index.keys() <= 30 * 24 * 120 / 10 + 1, "facts of the last 30 days only: " + index.keys());
        assertEquals(0, publisher.inFlight());
        assertTrue(
                Math.abs(at1m - at100k) <= at100k / 10,
                "heap after GC " + HeapAfterGc.mib(at1m) + " at 1 000 000 events, " + HeapAfterGc.mib(at100k)
                        + " at 100 000");
    }

    private static void print(int events, long heap, SeenIndex index, HealthEventPublisher publisher) {
        System.out.printf(
                "SOAK health-ingest at %,d events: heap after GC %s; seen-index %d facts, %d ids; %d refused-send "
                        + "markers%n",
                events, HeapAfterGc.mib(heap), index.keys(), index.ids(), publisher.failedMarkers());
    }
}
