package dev.stormwatch.local.launch;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a validated catalog to {@code catalog.v1}, keyed by platform id, as the launcher's and the tests' way of
 * handing the DR plan to the services, in the same envelope as status-api's upload ({@link CatalogEvent}).
 */
public final class CatalogPublisher {

    private CatalogPublisher() {}

    public static CloudEvent publish(String bootstrapServers, Catalog catalog) {
        CloudEvent event = event(catalog, Instant.now());
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CATALOG.name(), catalog.platformId(), JsonCodec.toBytes(event)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the catalog", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot publish the catalog to " + Topics.CATALOG + ": "
                            + e.getCause().getMessage(),
                    e);
        }
        return event;
    }

    /** The catalog as the CloudEvent {@code catalog.v1} carries. */
    public static CloudEvent event(Catalog catalog, Instant at) {
        return CatalogEvent.envelope(catalog, "/stormwatch/launcher", at);
    }
}
