package dev.stormwatch.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.notifier.page.Brief;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-contact outbox: rate limit, folding, urgent pages, back-off. */
class OutboxTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final Duration GAP = Duration.ofSeconds(60);
    static final Brief BRIEF = new Brief(
            "P", "inc-1", "t", "sev1", "open", List.of(), List.of(), null, null, null, false, null, List.of(),
            List.of(), null);

    static MessageItem item(String id, MessageKind kind, Instant at) {
        return new MessageItem(id, kind, "p", "inc-1", "inc-1.l1.r0", 1, true, false, "alex", "", at, BRIEF);
    }

    @Test
    void theFirstMessageGoesAtOnceAndUpdatesWaitForTheWindowThenFold() {
        Outbox box = Outbox.empty("p", "alex").enqueue(item("a", MessageKind.INCIDENT_UPDATED, T0), T0);
        assertEquals(T0, box.dueAt(GAP));
        box = box.startIfDue(T0, GAP);
        assertEquals(
                List.of("a"),
                box.sending().items().stream().map(MessageItem::id).toList());
        box = box.delivered(T0.plusSeconds(1));
        box = box.enqueue(item("b", MessageKind.INCIDENT_UPDATED, T0.plusSeconds(5)), T0.plusSeconds(5))
                .enqueue(item("c", MessageKind.INCIDENT_RESOLVED, T0.plusSeconds(9)), T0.plusSeconds(9));
        assertEquals(T0.plusSeconds(61), box.dueAt(GAP), "60 s after the last message");
        assertNull(box.startIfDue(T0.plusSeconds(60), GAP).sending());
        box = box.startIfDue(T0.plusSeconds(61), GAP);
        assertEquals(
                List.of("b", "c"),
                box.sending().items().stream().map(MessageItem::id).toList());
        assertTrue(box.queued().isEmpty());
    }

    @Test
    void aNewPageDoesNotWaitForTheWindow() {
        Outbox box = Outbox.empty("p", "alex")
                .delivered(T0)
                .enqueue(item("upd", MessageKind.INCIDENT_UPDATED, T0.plusSeconds(1)), T0.plusSeconds(1))
                .enqueue(item("page", MessageKind.INCIDENT_OPENED, T0.plusSeconds(2)), T0.plusSeconds(2));
        assertEquals(T0.plusSeconds(1), box.dueAt(GAP));
        box = box.startIfDue(T0.plusSeconds(2), GAP);
        assertEquals(
                List.of("upd", "page"),
                box.sending().items().stream().map(MessageItem::id).toList());
    }

    @Test
    void aPageArrivingDuringARetryBackoffJoinsTheMessageAndGoesNow() {
        Outbox box = Outbox.empty("p", "alex")
                .enqueue(item("a", MessageKind.INCIDENT_UPDATED, T0), T0)
                .startIfDue(T0, GAP);
        Sending waiting =
                new Sending(box.sending().deliveryId(), box.sending().items(), 0, 2, T0.plusSeconds(30), false, null);
        box = box.with(waiting)
                .enqueue(item("page", MessageKind.DECISION_NEEDED, T0.plusSeconds(3)), T0.plusSeconds(3));
        assertEquals(T0.plusSeconds(3), box.dueAt(GAP));
        assertEquals(
                List.of("a", "page"),
                box.sending().items().stream().map(MessageItem::id).toList());
        assertEquals(2, box.sending().attempt());
    }

    @Test
    void theSameItemIsQueuedOnce() {
        Outbox box = Outbox.empty("p", "alex")
                .delivered(T0)
                .enqueue(item("a", MessageKind.INCIDENT_UPDATED, T0), T0)
                .enqueue(item("a", MessageKind.INCIDENT_UPDATED, T0), T0);
        assertEquals(1, box.queued().size());
    }

    @Test
    void deliveryIdsAreDeterministic() {
        List<MessageItem> items =
                List.of(item("a", MessageKind.INCIDENT_OPENED, T0), item("b", MessageKind.INCIDENT_OPENED, T0));
        assertEquals(Outbox.deliveryId("alex", items), Outbox.deliveryId("alex", items));
        assertTrue(!Outbox.deliveryId("alex", items).equals(Outbox.deliveryId("sam", items)));
    }

    @Test
    void backoffDoublesUpToItsCapWithinTheJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 0.2);
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            long first = b.after(1, r).toMillis();
            long third = b.after(3, r).toMillis();
            long tenth = b.after(10, r).toMillis();
            assertTrue(first >= 1600 && first <= 2400, "attempt 1: " + first);
            assertTrue(third >= 6400 && third <= 9600, "attempt 3: " + third);
            assertTrue(tenth >= 8000 && tenth <= 12000, "attempt 10 is capped at 10 s ± 20 %: " + tenth);
        }
        assertEquals(Duration.ofSeconds(8), new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), 0).after(3, r));
    }

    @Test
    void aHeldItemWaitsForItsHourEvenThroughTheStoreAndIsNotFoldedIntoARetry() {
        Instant eight = T0.plus(Duration.ofHours(6));
        MessageItem held = item("m", MessageKind.INCIDENT_OPENED, T0)
                .heldUntil(eight, "held until 08:00 Australia/Sydney:" + " planned maintenance outside working hours");
        Outbox box = Outbox.empty("p", "alex").enqueue(held, T0);
        // What the changelog-backed store keeps is what a restarted task indexes its timers from.
        Outbox restored = dev.stormwatch.contracts.JsonCodec.fromJson(
                dev.stormwatch.contracts.JsonCodec.toJson(box), Outbox.class);
        assertEquals(box, restored);
        assertEquals(eight, restored.dueAt(GAP));
        assertNull(restored.startIfDue(eight.minusMillis(1), GAP).sending());

        // An urgent page meanwhile goes out at once, alone; the held item stays queued.
        Outbox withPage =
                restored.enqueue(item("p1", MessageKind.INCIDENT_OPENED, T0.plusSeconds(10)), T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(10), withPage.dueAt(GAP));
        Outbox sending = withPage.startIfDue(T0.plusSeconds(10), GAP);
        assertEquals(
                List.of("p1"),
                sending.sending().items().stream().map(MessageItem::id).toList());
        assertEquals(
                List.of("m"), sending.queued().stream().map(MessageItem::id).toList());
        Outbox afterwards = sending.delivered(T0.plusSeconds(11));
        assertEquals(eight, afterwards.dueAt(GAP));
        assertEquals(
                List.of("m"),
                afterwards.startIfDue(eight, GAP).sending().items().stream()
                        .map(MessageItem::id)
                        .toList());
    }

    @Test
    void drillAndRealItemsNeverShareAMessage() {
        MessageItem real = item("real", MessageKind.INCIDENT_UPDATED, T0);
        MessageItem d = item("d", MessageKind.INCIDENT_UPDATED, T0);
        MessageItem drill = new MessageItem(
                "drill", d.kind(), d.platformId(), "drill-1", "drill-1.l1.r0", 1, true, true, "alex", "", T0, BRIEF);
        Outbox box = Outbox.empty("p", "alex").enqueue(real, T0).enqueue(drill, T0);
        Outbox first = box.startIfDue(T0, GAP);
        assertEquals(
                List.of("real"),
                first.sending().items().stream().map(MessageItem::id).toList());
        Outbox second = first.delivered(T0.plusSeconds(1)).startIfDue(T0.plusSeconds(61), GAP);
        assertEquals(
                List.of("drill"),
                second.sending().items().stream().map(MessageItem::id).toList());
        assertTrue(second.queued().isEmpty());
    }
}
