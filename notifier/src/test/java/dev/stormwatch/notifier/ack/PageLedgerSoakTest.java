package dev.stormwatch.notifier.ack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.local.soak.HeapAfterGc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A year of paging, time compressed: 1 000 000 delivery attempts (four per page) and 100 000 acknowledgements read by
 * the real page ledger from the records it reads off notifications.v1 and acks.v1, and the 100 000 links used
 * remembered, one attempt every 30 s of a test clock, so that the 30-day window is full after about 86 000. Heap after
 * GC at 1 000 000 must be within 10 % of its value at 100 000.
 */
class PageLedgerSoakTest {

    @Test
    void heapStaysFlatOverAMillionAttemptsAndAHundredThousandAcks() {
        LedgerClock clock = new LedgerClock(PageLedgerBoundsTest.T0);
        PageLedger ledger = new PageLedger(
                java.util.Map.of("bootstrap.servers", "localhost:1"),
                Duration.ofDays(30),
                PageLedger.DEFAULT_MAX_PAGES,
                clock);
        UsedLinks links = new UsedLinks(Duration.ofHours(24), 100_000, clock);
        long started = System.nanoTime();
        long cpuStarted = HeapAfterGc.cpuNanos();
        long at100k = 0;
        // The records are the ledger's real input; made from one serialised template each, which keeps the run short.
        RecordTemplate attempts =
                new RecordTemplate(PageLedgerBoundsTest.notification(RecordTemplate.PAGE, RecordTemplate.AT));
        RecordTemplate acks = new RecordTemplate(PageLedgerBoundsTest.ack(RecordTemplate.PAGE, RecordTemplate.AT));
        for (int i = 1; i <= 1_000_000; i++) {
            clock.advance(Duration.ofSeconds(30));
            String page = "incident-" + (i / 4) + "/L1";
            ledger.apply(attempts.of(page, clock.instant()));
            if (i % 10 == 0) {
                ledger.apply(acks.of(page, clock.instant()));
                links.use("nonce-" + i);
            }
            if (i == 100_000) {
                at100k = HeapAfterGc.measure();
                print(i, at100k, ledger, links);
            }
        }
        long at1m = HeapAfterGc.measure();
        print(1_000_000, at1m, ledger, links);
        System.out.printf(
                "SOAK notifier: heap after GC %s at 100 000 events, %s at 1 000 000 (%+.1f %%); %d s elapsed, %d s "
                        + "CPU%n",
                HeapAfterGc.mib(at100k),
                HeapAfterGc.mib(at1m),
                100.0 * (at1m - at100k) / at100k,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                Duration.ofNanos(HeapAfterGc.cpuNanos() - cpuStarted).toSeconds());

        assertTrue(ledger.pages() <= 30 * 24 * 120 / 4 + 1, "pages of the last 30 days only: " + ledger.pages());
        assertTrue(links.size() <= 24 * 120 / 10 + 1, "links of the last day only: " + links.size());
        assertTrue(
                Math.abs(at1m - at100k) <= at100k / 10,
                "heap after GC " + HeapAfterGc.mib(at1m) + " at 1 000 000 events, " + HeapAfterGc.mib(at100k)
                        + " at 100 000");
    }

    /** A record of the ledger's topics with its page id and instant replaced. */
    private static final class RecordTemplate {
        static final String PAGE = "page-template-0000";
        static final java.time.Instant AT = java.time.Instant.parse("2000-01-01T00:00:00.123Z");
        private final ConsumerRecord<String, byte[]> base;
        private final String json;

        RecordTemplate(ConsumerRecord<String, byte[]> base) {
            this.base = base;
            this.json = new String(base.value(), StandardCharsets.UTF_8);
        }

        ConsumerRecord<String, byte[]> of(String page, java.time.Instant at) {
            byte[] value = json.replace(PAGE, page)
                    .replace(AT.toString(), at.toString())
                    .getBytes(StandardCharsets.UTF_8);
            return new ConsumerRecord<>(
                    base.topic(),
                    0,
                    0L,
                    at.toEpochMilli(),
                    TimestampType.CREATE_TIME,
                    -1,
                    value.length,
                    page,
                    value,
                    new RecordHeaders(),
                    Optional.empty());
        }
    }

    private static void print(int events, long heap, PageLedger ledger, UsedLinks links) {
        System.out.printf(
                "SOAK notifier at %,d attempts: heap after GC %s; ledger %d pages, %d acks; %d used links%n",
                events, HeapAfterGc.mib(heap), ledger.pages(), ledger.acks(), links.size());
    }
}
