package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.normalize.ActivityLogRecordsNormalizer;
import dev.stormwatch.ingest.normalize.AzureMonitorWebhook;
import dev.stormwatch.ingest.normalize.Sources;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CloudEvent id identifies one update whatever source carried it. */
class EventIdsTest {

    @Test
    void sameUpdateFromTheWebhookAndFromEventHubsHasOneId() throws Exception {
        HealthEvent webhook = AzureMonitorWebhook.normalize(
                        SharedFixtures.json("common-alert-schema/cas-servicehealth-incident-testaction.json"))
                .events()
                .get(0);
        JsonNode records;
        try (InputStream in = getClass().getResourceAsStream("/eventhubs/servicehealth-records.json")) {
            records = JsonCodec.mapper().readTree(in);
        }
        HealthEvent eventHubs = ActivityLogRecordsNormalizer.normalize(records, Sources.EVENT_HUBS)
                .events()
                .get(0);

        assertNotEquals(webhook.source(), eventHubs.source());
        assertNotEquals(webhook.summary(), eventHubs.summary());
        assertEquals(EventIds.of(webhook), EventIds.of(eventHubs));
    }

    @Test
    void anotherUpdateTimeStageOrImpactIsAnotherId() {
        HealthEvent base = event("ABC1-DEF", Instant.parse("2024-01-01T10:00:00Z"), HealthStage.ACTIVE, "westeurope");

        assertEquals(
                EventIds.of(base),
                EventIds.of(
                        event("ABC1-DEF", Instant.parse("2024-01-01T10:00:00Z"), HealthStage.ACTIVE, "westeurope")));
        assertNotEquals(
                EventIds.of(base),
                EventIds.of(
                        event("ABC1-DEF", Instant.parse("2024-01-01T10:00:01Z"), HealthStage.ACTIVE, "westeurope")));
        assertNotEquals(
                EventIds.of(base),
                EventIds.of(
                        event("ABC1-DEF", Instant.parse("2024-01-01T10:00:00Z"), HealthStage.RESOLVED, "westeurope")));
        assertNotEquals(
                EventIds.of(base),
                EventIds.of(
                        event("ABC1-DEF", Instant.parse("2024-01-01T10:00:00Z"), HealthStage.ACTIVE, "northeurope")));
        assertNotEquals(
                EventIds.of(base),
                EventIds.of(
                        event("XYZ9-DEF", Instant.parse("2024-01-01T10:00:00Z"), HealthStage.ACTIVE, "westeurope")));
    }

    @Test
    void seenIndexTellsNewDuplicateAndStaleAndForgetsAFailedPublish() {
        SeenIndex index = new SeenIndex();
        Instant t1 = Instant.parse("2024-01-01T10:00:00Z");
        Instant t2 = Instant.parse("2024-01-01T11:00:00Z");

        assertEquals(SeenIndex.Verdict.NEW, index.admit("k", "a", t2));
        assertEquals(SeenIndex.Verdict.DUPLICATE, index.admit("k", "a", t2));
        assertEquals(SeenIndex.Verdict.STALE, index.admit("k", "b", t1));
        assertEquals(
                SeenIndex.Verdict.NEW, index.admit("k", "c", t2), "same time, other content (stage) is a new version");
        index.forget("k", "c");
        index.forget("k", "a");
        assertEquals(
                SeenIndex.Verdict.NEW,
                index.admit("k", "b", t1),
                "after forgetting the newer ones, t1 is no longer stale");
    }

    @Test
    void sameTrackingIdForAnotherSubscriptionOrServiceIsAnotherFactNeverStale() throws Exception {
        SeenIndex index = new SeenIndex();
        HealthEvent subA = fact("QKNQ-PRZ", "Azure Front Door", "sub-a", Instant.parse("2025-10-09T16:12:01.700Z"));
        HealthEvent subB = fact("QKNQ-PRZ", "Azure Front Door", "sub-b", Instant.parse("2025-10-09T16:12:00Z"));
        HealthEvent cdn = fact("QKNQ-PRZ", "Azure CDN", "sub-a", Instant.parse("2025-10-09T16:00:00Z"));
        HealthEvent olderA = fact("QKNQ-PRZ", "Azure Front Door", "sub-a", Instant.parse("2025-10-09T16:00:00Z"));

        assertEquals(SeenIndex.Verdict.NEW, index.admit(SeenIndex.fact(subA), EventIds.of(subA), subA.lastUpdate()));
        assertEquals(
                SeenIndex.Verdict.NEW,
                index.admit(SeenIndex.fact(subB), EventIds.of(subB), subB.lastUpdate()),
                "the other subscription's copy, 1.7 s older, is its own fact");
        assertEquals(SeenIndex.Verdict.NEW, index.admit(SeenIndex.fact(cdn), EventIds.of(cdn), cdn.lastUpdate()));
        assertEquals(
                SeenIndex.Verdict.STALE, index.admit(SeenIndex.fact(olderA), EventIds.of(olderA), olderA.lastUpdate()));
        assertNotEquals(
                EventIds.of(subA), EventIds.of(fact("QKNQ-PRZ", "Azure Front Door", "sub-b", subA.lastUpdate())));
        assertEquals("qknq-prz|azure front door|sub-a", SeenIndex.fact(subA));
        // What the loader reads back from the record published names the same fact.
        SeenIndexLoader.Read read = SeenIndexLoader.read(
                JsonCodec.toBytes(HealthEventPublisher.envelope(subA, EventIds.of(subA), java.time.Clock.systemUTC())));
        assertEquals(SeenIndex.fact(subA), SeenIndex.fact(subA.key(), read.service, read.subscriptionId));
        assertEquals(EventIds.of(subA), read.id);
        assertEquals("2025-10-09T16:12:01.700Z", read.lastUpdate);
    }

    private static HealthEvent fact(String trackingId, String service, String subscription, Instant at) {
        return new HealthEvent(
                "azure-monitor",
                dev.stormwatch.contracts.health.HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "t",
                "s",
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService(service, "global")),
                List.of(),
                subscription,
                null,
                null,
                at,
                null,
                null,
                false);
    }

    private static HealthEvent event(String trackingId, Instant at, HealthStage stage, String region) {
        return new HealthEvent(
                "canonical",
                dev.stormwatch.contracts.health.HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "t",
                "s",
                stage,
                "warning",
                List.of(new ImpactedService("Key Vault", region)),
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
