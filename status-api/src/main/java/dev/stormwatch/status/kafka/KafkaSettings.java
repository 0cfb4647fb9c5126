package dev.stormwatch.status.kafka;

import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.status.StatusApiConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client settings for status-api's plain Kafka consumers and its producer. */
@Singleton
public class KafkaSettings {

    private final String bootstrapServers;
    /** Where Kafka is and how to authenticate to it (security protocol, SASL, TLS), from the kafka.* configuration. */
    private final Map<String, Object> connection;

    public KafkaSettings(StatusApiConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.bootstrapServers = config.bootstrapServers();
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put("bootstrap.servers", bootstrapServers);
        this.connection = KafkaConnection.of(settings);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * A consumer without a group that the caller assigns partitions to: the read model reads every partition itself.
     * read_committed, because the correlator writes in Kafka Streams transactions.
     */
    public Map<String, Object> replayConsumer(String clientId) {
        Map<String, Object> props = base(clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return props;
    }

    /** A consumer in {@code groupId} that commits only after the effect (a delivery or a dead letter). */
    public Map<String, Object> groupConsumer(String clientId, String groupId) {
        Map<String, Object> props = replayConsumer(clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return props;
    }

    /** Idempotent producer, acks=all. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> props = base(clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** An admin client's settings. */
    public Map<String, Object> admin(String clientId) {
        return base(clientId);
    }

    private Map<String, Object> base(String clientId) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put("client.id", clientId);
        return props;
    }
}
