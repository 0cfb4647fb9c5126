package dev.stormwatch.status.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.local.soak.HeapAfterGc;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.audit.AuditView;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.page.PageView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A year of records, time compressed, through the real audit, handover and page views with their default bounds: 1 000
 * 000 events, one every 30 s of a test clock, each an audit record, every other one a delivery attempt, every fifth a
 * handover, and 100 000 acknowledgements (every tenth). Every view is full by 100 000 (audit and handovers by count,
 * pages by their 30 days), so heap after GC at 1 000 000 must be within 10 % of its value at 100 000.
 */
class ReadModelSoakTest {

    @Test
    void heapStaysFlatOverAMillionEventsAndAHundredThousandAcks() {
        MutableClock clock = new MutableClock();
        clock.set(ReadModelBoundsTest.T0);
        AuditView audit = new AuditView(Topics.AUDIT.retention(), AuditView.DEFAULT_MAX_ENTRIES, clock);
        HandoverView handovers =
                new HandoverView(Topics.HANDOVERS.retention(), HandoverView.DEFAULT_MAX_ENTRIES, clock);
        PageView pages = new PageView(Topics.NOTIFICATIONS.retention(), PageView.DEFAULT_MAX_PAGES, clock);
        // The views' real input, a CloudEvent per record; each made from one template to keep the run short.
        ConsumedRecord auditTemplate = ReadModelBoundsTest.audit("audit-0", clock.instant());
        ConsumedRecord attemptTemplate = ReadModelBoundsTest.notification("page-0", clock.instant());
        ConsumedRecord handoverTemplate = ReadModelBoundsTest.handover("handover-0", clock.instant());
        ConsumedRecord ackTemplate = ReadModelBoundsTest.ack("page-0", clock.instant());
        long started = System.nanoTime();
        long cpuStarted = HeapAfterGc.cpuNanos();
        long at100k = 0;
        for (int i = 1; i <= 1_000_000; i++) {
            clock.advance(Duration.ofSeconds(30));
            Instant now = clock.instant();
            audit.apply(reissue(auditTemplate, "audit-" + i, now, "subjectId", "incident-" + i));
            String page = "incident-" + (i / 4) + "/L1";
            if (i % 2 == 0) {
                pages.apply(reissue(attemptTemplate, "notification/" + i, now, "pageId", page));
            }
            if (i % 5 == 0) {
                handovers.apply(reissue(handoverTemplate, "handover/" + i, now, "id", "handover-" + i));
            }
            if (i % 10 == 0) {
                pages.apply(reissue(ackTemplate, "ack/" + page, now, "pageId", page));
            }
            if (i == 100_000) {
                at100k = HeapAfterGc.measure();
                print(i, at100k, audit, handovers, pages);
            }
        }
        long at1m = HeapAfterGc.measure();
        print(1_000_000, at1m, audit, handovers, pages);
        System.out.printf(
                "SOAK status-api: heap after GC %s at 100 000 events, %s at 1 000 000 (%+.1f %%); %d s elapsed, %d s "
                        + "CPU%n",
                HeapAfterGc.mib(at100k),
                HeapAfterGc.mib(at1m),
                100.0 * (at1m - at100k) / at100k,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                Duration.ofNanos(HeapAfterGc.cpuNanos() - cpuStarted).toSeconds());

        assertEquals(AuditView.DEFAULT_MAX_ENTRIES, audit.size());
        assertEquals(HandoverView.DEFAULT_MAX_ENTRIES, handovers.size());
        assertTrue(pages.size() <= 30 * 24 * 120 / 4 + 1, "pages of the last 30 days only: " + pages.size());
        assertTrue(
                Math.abs(at1m - at100k) <= at100k / 10,
                "heap after GC " + HeapAfterGc.mib(at1m) + " at 1 000 000 events, " + HeapAfterGc.mib(at100k)
                        + " at 100 000");
    }

    /** {@code template} as a new record: another event id, written at {@code at}, one field of its data changed. */
    private static ConsumedRecord reissue(ConsumedRecord template, String id, Instant at, String field, String value) {
        ObjectNode data = ((ObjectNode) template.event().data()).deepCopy();
        data.put("at", at.toString());
        data.put(field, value);
        CloudEvent e = template.event();
        return new ConsumedRecord(
                template.topic(),
                0,
                0L,
                value,
                new CloudEvent(
                        e.specversion(), id, e.source(), e.type(), at, value, e.datacontenttype(), e.drill(), data),
                at.toEpochMilli());
    }

    private static void print(int events, long heap, AuditView audit, HandoverView handovers, PageView pages) {
        System.out.printf(
                "SOAK status-api at %,d events: heap after GC %s; audit %d records, handovers %d, pages %d%n",
                events, HeapAfterGc.mib(heap), audit.size(), handovers.size(), pages.size());
    }
}
