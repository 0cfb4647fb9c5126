package dev.stormwatch.notifier.app;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests on the real broker: publish contract records, read topics from the beginning. */
public final class BrokerClient implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    public BrokerClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String key, CloudEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JsonCodec.toJson(event)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    public void publishCatalog(Catalog catalog, String eventId) {
        send(
                Topics.CATALOG.name(),
                catalog.platformId(),
                JsonCodec.envelope(
                        eventId, EventTypes.CATALOG, "/test", catalog.platformId(), Instant.now(), false, catalog));
    }

    public void publishIncident(Incident incident) {
        send(
                Topics.INCIDENTS.name(),
                incident.id(),
                JsonCodec.envelope(
                        "incident/" + incident.id() + "/" + incident.version(),
                        EventTypes.INCIDENT,
                        "/stormwatch/incident-correlator",
                        incident.id(),
                        Instant.now(),
                        false,
                        incident));
    }

    public static Incident incident(String id, String platform, Severity severity, long version) {
        Instant now = Instant.now();
        return new Incident(
                id,
                platform,
                "Storage outage in Australia East",
                IncidentState.OPEN,
                severity,
                List.of("storage"),
                List.of("australiaeast"),
                List.of("TRK-" + id),
                true,
                false,
                null,
                now,
                now,
                null,
                null,
                null,
                now,
                version,
                false,
                List.of());
    }

    /** Every committed record of {@code topic} so far whose CloudEvent matches, polling until {@code until} holds. */
    public List<CloudEvent> readUntil(String topic, Predicate<List<CloudEvent>> until, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        events.add(JsonCodec.fromJson(r.value(), CloudEvent.class));
                    }
                }
                if (until.test(events)) {
                    return events;
                }
            }
        }
        throw new AssertionError("waited " + timeout + " on " + topic + "; read " + events.size() + " records: "
                + events.stream().map(e -> e.type() + " " + e.subject()).toList());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
