package dev.stormwatch.notifier.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The page ledger and the used links keep what their retention and their counts allow, however long the notifier runs.
 */
class PageLedgerBoundsTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pagesAndAcknowledgementsOlderThanTheRetentionAreForgottenAndTheCountIsCapped() {
        MutableClock clock = new MutableClock(T0);
        PageLedger ledger =
                new PageLedger(java.util.Map.of("bootstrap.servers", "localhost:1"), Duration.ofDays(30), 1_000, clock);
        ledger.apply(notification("page-old", clock.instant()));
        ledger.apply(ack("page-old", clock.instant()));
        clock.advance(Duration.ofDays(31));
        ledger.apply(notification("page-new", clock.instant()));
        ledger.apply(ack("page-new", clock.instant()));

        assertEquals(Optional.empty(), ledger.page("page-old"));
        assertEquals(Optional.empty(), ledger.ack("page-old"));
        assertEquals("incident-page-new", ledger.page("page-new").orElseThrow().subjectId());
        assertEquals("alice", ledger.ack("page-new").orElseThrow().by());

        for (int i = 0; i < 5_000; i++) {
            ledger.apply(notification("page-" + i, clock.instant()));
            ledger.apply(ack("page-" + i, clock.instant()));
        }
        assertEquals(1_000, ledger.pages());
        assertEquals(1_000, ledger.acks());
        assertTrue(ledger.ack("page-4999").isPresent(), "the newest acknowledgement is known");
    }

    @Test
    void aUsedLinkIsRememberedForTheLinkLifetimeAndNoLonger() {
        MutableClock clock = new MutableClock(T0);
        UsedLinks links = new UsedLinks(Duration.ofHours(24), 1_000, clock);
        links.use("nonce-1");
        clock.advance(Duration.ofHours(23));
        assertTrue(links.used("nonce-1"), "within the lifetime its link could still be presented");
        clock.advance(Duration.ofHours(2));
        links.use("nonce-2");
        assertFalse(links.used("nonce-1"), "its link has expired: refused as expired before the nonce is read");

        for (int i = 0; i < 10_000; i++) {
            links.use("n-" + i);
        }
        assertEquals(1_000, links.size());
        assertTrue(links.used("n-9999"));
    }

    static ConsumerRecord<String, byte[]> notification(String pageId, Instant at) {
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
                pageId,
                JsonCodec.toBytes(JsonCodec.envelope(
                        "notification/" + pageId + "/" + at,
                        EventTypes.NOTIFICATION,
                        "/stormwatch/notifier",
                        pageId,
                        at,
                        false,
                        n)),
                at);
    }

    static ConsumerRecord<String, byte[]> ack(String pageId, Instant at) {
        Ack a = new Ack(pageId, "incident-" + pageId, "alice", "alice", "link", at);
        return record(
                Topics.ACKS.name(),
                pageId,
                JsonCodec.toBytes(JsonCodec.envelope(
                        "ack/" + pageId, EventTypes.ACK, "/stormwatch/notifier", pageId, at, false, a)),
                at);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value, Instant at) {
        return new ConsumerRecord<>(
                topic,
                0,
                0L,
                at.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }
}
