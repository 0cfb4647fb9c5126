package dev.stormwatch.status;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes records to the real broker the way the correlator and the notifier do: CloudEvents, keyed, acks=all. */
public final class TopicWriter implements AutoCloseable {

    private static TopicWriter shared;

    private final KafkaProducer<String, byte[]> producer;

    private TopicWriter(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** One producer for the test JVM, on the broker the Quarkus app uses. */
    public static synchronized TopicWriter get() {
        if (shared == null) {
            shared = new TopicWriter(bootstrapServers());
        }
        return shared;
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Wraps {@code data} in a CloudEvent of {@code type} and writes it under {@code key}; waits for the broker. */
    public String write(
            Topic topic,
            String key,
            String type,
            String eventId,
            String source,
            Instant time,
            boolean drill,
            Object data) {
        CloudEvent event = JsonCodec.envelope(eventId, type, source, key, time, drill, data);
        send(topic, key, JsonCodec.toBytes(event));
        return eventId;
    }

    /** Writes raw bytes (or a tombstone, for null). */
    public void send(Topic topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic.name(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
