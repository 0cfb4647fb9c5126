package dev.stormwatch.ingest;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.ingest.config.IngestConfig;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.intake.PayloadReader;
import dev.stormwatch.ingest.publish.DeadLetters;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.ingest.publish.SeenIndex;
import dev.stormwatch.ingest.publish.SeenIndexLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Wires the plain classes of health-ingest into CDI; they take everything through their constructors. */
@Singleton
public class IngestBeans {

    private final Map<String, Object> kafka;
    private SeenIndexLoader loader;

    public IngestBeans(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafka = KafkaConnection.of(kafkaConfig);
    }

    /** The idempotent, acks=all producer every record of health-ingest goes through. */
    public static Producer<String, byte[]> producer(String bootstrapServers, String clientId) {
        return producer(KafkaConnection.bootstrap(bootstrapServers), clientId, Duration.ZERO);
    }

    /**
     * As {@link #producer(String, String)}, with the Kafka connection settings ({@link KafkaConnection}) and how long a
     * record waits for others to share its batch.
     */
    public static Producer<String, byte[]> producer(Map<String, Object> connection, String clientId, Duration linger) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(linger.toMillis()));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Produces
    @Singleton
    Producer<String, byte[]> producer(IngestConfig config) {
        return producer(kafka, "health-ingest", config.producerLinger());
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SeenIndex seenIndex(IngestConfig config, Clock clock) {
        IngestConfig.SeenIndex bounds = config.seenIndex();
        return new SeenIndex(
                bounds.retention().orElse(Topics.HEALTH_EVENTS.retention()),
                bounds.maxFacts(),
                bounds.maxIdsPerFact(),
                clock);
    }

    @Produces
    @Singleton
    IngestMetrics metrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Produces
    @Singleton
    HealthEventPublisher publisher(
            Producer<String, byte[]> producer,
            SeenIndex index,
            IngestMetrics metrics,
            Clock clock,
            IngestConfig config) {
        return new HealthEventPublisher(
                producer,
                index,
                metrics,
                clock,
                config.publishTimeout(),
                config.seenIndex().failedRetention(),
                config.seenIndex().maxFailed());
    }

    @Produces
    @Singleton
    DeadLetters deadLetters(Producer<String, byte[]> producer, Clock clock, IngestConfig config) {
        return new DeadLetters(producer, clock, config.dlqRawChars(), config.publishTimeout());
    }

    @Produces
    @Singleton
    Ingestion ingestion(
            HealthEventPublisher publisher,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            SeenIndex index,
            IngestConfig config) {
        return new Ingestion(
                publisher,
                deadLetters,
                metrics,
                index,
                new PayloadReader(config.maxJsonDepth()),
                config.bodyLimit().activityLog(),
                "stormwatch.ingest.body-limit.activity-log",
                config.indexWait());
    }

    void start(@Observes StartupEvent event, SeenIndex index) {
        loader = new SeenIndexLoader(kafka, index).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loader != null) {
            loader.close();
        }
    }
}
