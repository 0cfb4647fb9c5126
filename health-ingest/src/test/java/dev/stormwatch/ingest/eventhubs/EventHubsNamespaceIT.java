package dev.stormwatch.ingest.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.checkpointstore.blob.BlobCheckpointStore;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.ingest.IngestBeans;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.ingest.config.IngestConfig;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.intake.PayloadReader;
import dev.stormwatch.ingest.publish.DeadLetters;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.ingest.publish.SeenIndex;
import dev.stormwatch.ingest.publish.SeenIndexLoader;
import dev.stormwatch.local.kafka.SharedBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: against a real Event Hubs namespace when STORMWATCH_EVENTHUBS_CONNECTION (with EntityPath, or with
 * STORMWATCH_EVENTHUBS_NAME) and STORMWATCH_EVENTHUBS_CHECKPOINT_STORAGE are set. Sends a ServiceHealth record envelope
 * to the hub and waits for the EventProcessorClient to turn it into a health-events.v1 record on the local broker.
 */
class EventHubsNamespaceIT {

    @Test
    void recordSentToTheHubBecomesAHealthEvent() throws Exception {
        String connection = System.getenv("STORMWATCH_EVENTHUBS_CONNECTION");
        String storage = System.getenv("STORMWATCH_EVENTHUBS_CHECKPOINT_STORAGE");
        if (connection == null || storage == null) {
            System.out.println("STORMWATCH_EVENTHUBS_CONNECTION / STORMWATCH_EVENTHUBS_CHECKPOINT_STORAGE not set: "
                    + "real Event Hubs namespace test skipped");
        }
        Assumptions.assumeTrue(
                connection != null && storage != null,
                "STORMWATCH_EVENTHUBS_CONNECTION / STORMWATCH_EVENTHUBS_CHECKPOINT_STORAGE not set: real Event Hubs "
                        + "namespace test skipped");
        String hub =
                Optional.ofNullable(System.getenv("STORMWATCH_EVENTHUBS_NAME")).orElse("insights-activity-logs");
        String trackingId = "SWTEST-" + UUID.randomUUID().toString().substring(0, 8);
        String envelope = "{\"records\":[{\"time\":\"" + Instant.now()
                + "\",\"resourceId\":\"/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000\","
                + "\"operationName\":\"Microsoft.ServiceHealth/incident/action\",\"category\":\"ServiceHealth\","
                + "\"level\":\"Warning\",\"properties\":{\"eventCategory\":\"ServiceHealth\","
                + "\"eventProperties\":{\"trackingId\":\""
                + trackingId + "\","
                + "\"incidentType\":\"Incident\",\"stage\":\"Active\",\"title\":\"Stormwatch namespace test\","
                + "\"service\":\"Key Vault\",\"region\":\"West Europe\","
                + "\"impactStartTime\":\"" + Instant.now() + "\"}}}]}";

        String bootstrap = SharedBroker.acquire();
        SeenIndex index = new SeenIndex();
        Producer<String, byte[]> producer = IngestBeans.producer(bootstrap, "eventhubs-namespace-test");
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        Ingestion ingestion = new Ingestion(
                new HealthEventPublisher(producer, index, metrics, Clock.systemUTC(), Duration.ofSeconds(10)),
                new DeadLetters(producer, Clock.systemUTC(), 131072, Duration.ofSeconds(10)),
                metrics,
                index,
                new PayloadReader(64),
                1 << 20,
                "stormwatch.ingest.body-limit.activity-log",
                Duration.ofSeconds(30));
        BlobContainerAsyncClient container = new BlobContainerClientBuilder()
                .connectionString(storage)
                .containerName("stormwatch-test-checkpoints")
                .buildAsyncClient();
        container.createIfNotExists().block();
        IngestConfig.EventHubs config = new IngestConfig.EventHubs() {
            public Optional<String> connectionString() {
                return Optional.of(connection);
            }

            public String eventHubName() {
                return hub;
            }

            public String consumerGroup() {
                return "$Default";
            }

            public Optional<String> checkpointStorageConnectionString() {
                return Optional.of(storage);
            }

            public String checkpointContainer() {
                return "stormwatch-test-checkpoints";
            }

            public int maxBatchSize() {
                return 50;
            }

            public Duration maxWait() {
                return Duration.ofSeconds(2);
            }
        };
        try (SeenIndexLoader loader = new SeenIndexLoader(bootstrap, index).start();
                TopicProbe probe = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name())) {
            EventProcessorClient processor = EventHubsConsumer.build(
                    config, new BlobCheckpointStore(container), new ActivityLogEventsHandler(ingestion));
            processor.start();
            EventHubClientBuilder clients = new EventHubClientBuilder();
            EventHubProducerClient sender = connection.contains("EntityPath=")
                    ? clients.connectionString(connection).buildProducerClient()
                    : clients.connectionString(connection, hub).buildProducerClient();
            sender.send(List.of(new EventData(envelope.getBytes(StandardCharsets.UTF_8))));
            sender.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            HealthEvent found = null;
            while (found == null && System.nanoTime() < deadline) {
                found = probe.drain().stream()
                        .map(r -> JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))
                        .filter(e -> trackingId.equals(e.trackingId()))
                        .findFirst()
                        .orElse(null);
            }
            processor.stop();
            assertTrue(found != null, "record for " + trackingId + " on health-events.v1 within 90 s");
            assertEquals("event-hubs", found.source());
        } finally {
            producer.close();
            SharedBroker.release();
        }
    }
}
