package dev.stormwatch.status.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.status.audit.AuditEntry;
import dev.stormwatch.status.audit.AuditView;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.page.PageView;
import dev.stormwatch.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The audit, handover and page views hold a bounded recent part of their topics, however long status-api runs. */
class ReadModelBoundsTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theAuditViewHoldsItsWindowAndCountAndServesPagesByCursor() {
        MutableClock clock = new MutableClock();
        clock.set(T0);
        AuditView audit = new AuditView(Duration.ofDays(365), 1_000, clock);
        audit.apply(audit("old", clock.instant()));
        clock.advance(Duration.ofDays(366));
        for (int i = 0; i < 5_000; i++) {
            audit.apply(audit("a-" + i, clock.instant().plusMillis(i)));
        }
        audit.apply(audit("a-4999", clock.instant().plusMillis(4999)));

        assertEquals(1_000, audit.size(), "the newest 1 000 only");
        List<String> ids =
                audit.matching(e -> true).stream().map(AuditEntry::id).toList();
        assertEquals(IntStream.range(4_000, 5_000).mapToObj(i -> "a-" + i).toList(), ids);

        RecentWindow.Page<AuditEntry> first = audit.page(e -> true, null, 400);
        assertEquals("a-4600", first.items().get(0).id());
        assertEquals("a-4999", first.items().get(399).id());
        RecentWindow.Page<AuditEntry> second =
                audit.page(e -> true, first.older().orElseThrow(), 400);
        assertEquals("a-4200", second.items().get(0).id());
        RecentWindow.Page<AuditEntry> last =
                audit.page(e -> true, second.older().orElseThrow(), 400);
        assertEquals(200, last.items().size());
        assertEquals(Optional.empty(), last.older());
        RecentWindow.Position cursor = RecentWindow.Position.ofCursor(
                        first.older().orElseThrow().cursor())
                .orElseThrow();
        assertEquals(first.older().orElseThrow(), cursor);
    }

    @Test
    void theHandoverViewDropsTheOldestBeyondItsCount() {
        MutableClock clock = new MutableClock();
        clock.set(T0);
        HandoverView handovers = new HandoverView(Duration.ofDays(365), 100, clock);
        for (int i = 0; i < 1_000; i++) {
            handovers.apply(handover("h-" + i, clock.instant().plusSeconds(i)));
        }
        assertEquals(100, handovers.size());
        assertEquals("h-900", handovers.all().get(0).id());
        clock.advance(Duration.ofDays(400));
        handovers.apply(handover("h-late", clock.instant()));
        assertEquals(
                List.of("h-late"), handovers.all().stream().map(Handover::id).toList());
    }

    @Test
    void thePageViewForgetsPagesPastTheRetentionAndBeyondItsCount() {
        MutableClock clock = new MutableClock();
        clock.set(T0);
        PageView pages = new PageView(Duration.ofDays(30), 1_000, clock);
        pages.apply(notification("p-old", clock.instant()));
        pages.apply(ack("p-old", clock.instant()));
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 5_000; i++) {
            pages.apply(notification("p-" + i, clock.instant()));
            pages.apply(ack("p-" + i, clock.instant()));
        }
        assertEquals(1_000, pages.size());
        assertEquals(Optional.empty(), pages.page("p-old"));
        assertEquals("alice", pages.page("p-4999").orElseThrow().acknowledged().by());
        assertTrue(pages.page("p-3999").isEmpty());
    }

    static ConsumedRecord audit(String id, Instant at) {
        AuditRecord r = new AuditRecord(
                "contoso", at, "incident-correlator", "incident-opened", "incident-" + id, "detail of " + id, false);
        return record(
                Topics.AUDIT.name(),
                JsonCodec.envelope(
                        id, EventTypes.AUDIT, "/stormwatch/incident-correlator", "incident-" + id, at, false, r),
                at);
    }

    static ConsumedRecord handover(String id, Instant at) {
        Handover h = new Handover(
                id,
                "contoso",
                "storage",
                "Storage",
                "westeurope",
                at,
                List.of("finance"),
                1,
                HandoverReason.values()[0],
                "incident-" + id,
                at,
                false);
        return record(
                Topics.HANDOVERS.name(),
                JsonCodec.envelope(
                        "handover/" + id, EventTypes.HANDOVER, "/stormwatch/incident-correlator", id, at, false, h),
                at);
    }

    static ConsumedRecord notification(String pageId, Instant at) {
        Notification n = new Notification(
                pageId,
                "contoso",
                "incident-" + pageId,
                "incident",
                1,
                "alice",
                "email",
                "alice@example.com",
                1,
                DeliveryResult.DELIVERED,
                null,
                at,
                false);
        return record(
                Topics.NOTIFICATIONS.name(),
                JsonCodec.envelope(
                        "notification/" + pageId + "/" + at,
                        EventTypes.NOTIFICATION,
                        "/stormwatch/notifier",
                        pageId,
                        at,
                        false,
                        n),
                at);
    }

    static ConsumedRecord ack(String pageId, Instant at) {
        Ack a = new Ack(pageId, "incident-" + pageId, "alice", "alice", "link", at);
        return record(
                Topics.ACKS.name(),
                JsonCodec.envelope("ack/" + pageId, EventTypes.ACK, "/stormwatch/notifier", pageId, at, false, a),
                at);
    }

    private static ConsumedRecord record(String topic, CloudEvent event, Instant writtenAt) {
        return new ConsumedRecord(topic, 0, 0L, event.subject(), event, writtenAt.toEpochMilli());
    }
}
