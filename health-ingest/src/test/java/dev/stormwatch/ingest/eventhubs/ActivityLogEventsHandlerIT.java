package dev.stormwatch.ingest.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.messaging.eventhubs.EventData;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.ingest.JwksTestResource;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The Event Hubs handler driven with real payloads in {@link EventData}, publishing to the real broker: the same update
 * as the webhook's is a duplicate, not a second event; the official Administrative envelope is recorded as unsupported;
 * an unreadable event goes to the DLQ while the batch goes on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
class ActivityLogEventsHandlerIT {

    @Inject
    Ingestion ingestion;

    @Test
    void batchOfRealPayloadsEndsInRecordsDuplicatesAndDeadLetters() throws IOException {
        byte[] webhook = SharedFixtures.bytes("common-alert-schema/cas-servicehealth-incident-testaction.json");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicProbe events = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name());
                TopicProbe dlq = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS_DLQ.name())) {
            // The webhook may already have seen this update in another test: either way it is known from here on.
            String webhookId = RestAssured.given()
                    .queryParam("token", "test-secret")
                    .body(webhook)
                    .post("/api/v1/ingest/azure-monitor")
                    .jsonPath()
                    .getString("events[0].id");
            events.mark();

            List<IngestResult> results = new ActivityLogEventsHandler(ingestion)
                    .handle(
                            "insights-activity-logs",
                            "0",
                            List.of(
                                    new EventData(resource("eventhubs/servicehealth-records.json")),
                                    new EventData(SharedFixtures.bytes(
                                            "activity-log-eventhub/records-envelope-administrative-official-"
                                                    + "sample.json")),
                                    new EventData("{\"records\":[{\"category\":\"ServiceHealth\",\"time\":\"yesterday\""
                                            .getBytes(StandardCharsets.UTF_8))));

            IngestResult serviceHealth = results.get(0);
            assertEquals(202, serviceHealth.status());
            assertEquals(webhookId, serviceHealth.events().get(0).id(), "same update, same id as the webhook's");
            assertEquals("duplicate", serviceHealth.events().get(0).outcome());
            IngestResult.EventOutcome resource = serviceHealth.events().get(1);
            assertTrue(List.of("accepted", "duplicate").contains(resource.outcome()));
            assertEquals(202, results.get(1).status());
            assertEquals(400, results.get(2).status());

            List<ConsumerRecord<String, byte[]>> published = events.drain();
            List<HealthEvent> fromEventHubs = published.stream()
                    .map(r -> JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))
                    .toList();
            assertEquals(resource.outcome().equals("accepted") ? 1 : 0, fromEventHubs.size());
            fromEventHubs.forEach(e -> {
                assertEquals("event-hubs", e.source());
                assertEquals(
                        "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/"
                                + "microsoft.compute/virtualmachines/test-vm-eh",
                        e.key());
                assertEquals(Instant.parse("2021-11-16T10:05:00Z"), e.lastUpdate());
                assertEquals("available", e.availabilityState());
            });

            List<RejectedInput> rejected = dlq.drain().stream()
                    .map(r -> {
                        CloudEvent ce = JsonCodec.fromJson(r.value(), CloudEvent.class);
                        assertEquals(EventTypes.HEALTH_EVENT_REJECTED, ce.type());
                        return JsonCodec.data(ce, RejectedInput.class);
                    })
                    .toList();
            assertEquals(2, rejected.size());
            assertEquals(
                    "unsupported category 'Write' (operation microsoft.support/supporttickets/write): only "
                            + "ServiceHealth and ResourceHealth activity-log events are ingested",
                    rejected.get(0).reason());
            assertEquals("event-hubs", rejected.get(0).source());
            assertEquals("eventhubs:insights-activity-logs/0", rejected.get(0).endpoint());
            assertTrue(
                    rejected.get(1).reason().startsWith("not valid JSON at line 1"),
                    rejected.get(1).reason());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ActivityLogEventsHandlerIT.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }
}
