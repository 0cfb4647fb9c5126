package dev.stormwatch.notifier.escalation;

import static dev.stormwatch.notifier.escalation.EscalationHarness.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.notifier.delivery.Outbox;
import dev.stormwatch.notifier.page.PageState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one page costs in Kafka writes and store bytes: the changelog records of the {@code pages} and {@code outboxes}
 * stores and the records on {@code notifications.v1} and {@code audit.v1}, counted exactly.
 */
class PageWritesTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final Catalog CATALOG = EscalationHarness.catalog("/catalogs/escalation.yaml");

    EscalationHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TestOutputTopic<String, byte[]> changelog(String store) {
        return h.driver.createOutputTopic(
                "notifier-ttd-" + store + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void aPageToOneContactIsOneChangelogRecordPerStoreOneNotificationAndTwoAuditRecords() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        TestOutputTopic<String, byte[]> pages = changelog(StoreNames.PAGES);
        TestOutputTopic<String, byte[]> outboxes = changelog(StoreNames.OUTBOXES);
        pages.readRecordsToList();
        outboxes.readRecordsToList();

        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));

        assertEquals(List.of("2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]"), h.deliveredLines());
        List<TestRecord<String, byte[]>> pageWrites = pages.readRecordsToList();
        List<TestRecord<String, byte[]>> outboxWrites = outboxes.readRecordsToList();
        // Queued, sent and delivered within one commit: the outbox reaches its changelog once.
        assertEquals(List.of("inc-1"), pageWrites.stream().map(TestRecord::key).toList());
        assertEquals(
                List.of(EscalationHarness.PLATFORM + "/alex"),
                outboxWrites.stream().map(TestRecord::key).toList());
        assertEquals(1, h.readNotifications().size());
        assertEquals(
                List.of("page-level-paged", "page-delivered"),
                h.readAudit().stream().map(AuditRecord::action).toList());

        // The stored values in the compact form, against the contracts' JSON of the same values.
        PageState page = StoreValues.serde(PageState.class)
                .deserializer()
                .deserialize("pages", pageWrites.get(0).value());
        Outbox outbox = StoreValues.serde(Outbox.class)
                .deserializer()
                .deserialize("outboxes", outboxWrites.get(0).value());
        int pageFull = JsonCodec.toBytes(page).length;
        int outboxFull = JsonCodec.toBytes(outbox).length;
        int pageCompact = pageWrites.get(0).value().length;
        int outboxCompact = outboxWrites.get(0).value().length;
        System.out.printf(
                "PAGE-WRITES store values: page %d bytes (contracts JSON %d), outbox %d bytes (contracts JSON %d)%n",
                pageCompact, pageFull, outboxCompact, outboxFull);
        assertTrue(pageCompact < pageFull, pageCompact + " vs " + pageFull);
        assertTrue(outboxCompact <= outboxFull, outboxCompact + " vs " + outboxFull);
        // Both forms read back to the same value, so a changelog written before the compact form still restores.
        assertEquals(page, JsonCodec.fromJson(JsonCodec.toBytes(page), PageState.class));
        assertEquals(
                page, StoreValues.serde(PageState.class).deserializer().deserialize("pages", JsonCodec.toBytes(page)));
        assertEquals(
                outbox,
                StoreValues.serde(Outbox.class).deserializer().deserialize("outboxes", JsonCodec.toBytes(outbox)));
        assertEquals(
                outbox,
                StoreValues.serde(Outbox.class)
                        .deserializer()
                        .deserialize(
                                "outboxes",
                                StoreValues.serde(Outbox.class).serializer().serialize("outboxes", outbox)));
    }

    @Test
    void aFoldedMessageIsOneAuditRecordPerAttemptAndOneNotificationPerItem() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage"), 1, T0));
        h.advanceTo(T0.plusSeconds(10), Duration.ofSeconds(1));
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage", "power-bi"), 2, T0));
        h.advanceTo(T0.plusSeconds(20), Duration.ofSeconds(1));
        h.publish(incident("inc-1", IncidentState.MITIGATED, Severity.SEV2, List.of("storage", "power-bi"), 3, T0));
        h.advanceTo(T0.plusSeconds(30), Duration.ofSeconds(1));
        h.publish(incident("inc-1", IncidentState.MITIGATED, Severity.SEV3, List.of("storage", "power-bi"), 4, T0));
        h.advanceTo(T0.plusSeconds(120), Duration.ofSeconds(1));

        assertEquals(2, h.delivered.size());
        String deliveryId = h.delivered.get(1).deliveryId();
        assertEquals(4, h.readNotifications().size(), "one notification per item per attempt");
        List<AuditRecord> delivered = h.readAudit().stream()
                .filter(a -> a.action().equals("page-delivered"))
                .toList();
        assertEquals(2, delivered.size(), "the page, then one record for the message folding three updates");
        AuditRecord folded = delivered.get(1);
        assertEquals("inc-1", folded.subjectId());
        assertEquals(T0.plusSeconds(60), folded.at());
        assertEquals(
                "incident-updated level 1 page inc-1.l1.r0 to alex via webhook http://127.0.0.1:9/***, attempt 1:"
                        + " delivered (HTTP 200) (one message folding 3 items, delivery " + deliveryId + ")",
                folded.detail());
    }
}
