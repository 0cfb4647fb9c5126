package dev.stormwatch.testsupport;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients on the real test broker, as the services use it: an idempotent producer with acks=all that writes
 * contract records as their writers would, and read_committed consumers that collect a service's outputs from the
 * beginning.
 */
public final class BrokerClient implements AutoCloseable {

    /** One record read back. */
    public record Written(String topic, int partition, long offset, String key, CloudEvent event) {

        public <T> T data(Class<T> type) {
            return JsonCodec.data(event, type);
        }
    }

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<Written>> seen = new ConcurrentHashMap<>();
    private final String platformId;
    private int ids;

    /** A client that writes, and reads with {@link #readUntil}. */
    public BrokerClient(String bootstrap) {
        this(bootstrap, List.of(), null);
    }

    /** A client that also follows {@code outputs} from the beginning, for {@link #written} and {@link #await}. */
    public BrokerClient(String bootstrap, List<Topic> outputs) {
        this(bootstrap, outputs, null);
    }

    /**
     * Follows only the records of {@code platformId} (by the {@code platformId} of their data): the scenarios of one
     * Quarkus app share one broker, each on its own platform.
     */
    public BrokerClient(String bootstrap, List<Topic> outputs, String platformId) {
        this.bootstrap = bootstrap;
        this.platformId = platformId;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new ByteArraySerializer());
        if (outputs.isEmpty()) {
            this.consumer = null;
            return;
        }
        this.consumer = consumer();
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic t : outputs) {
            consumer.partitionsFor(t.name()).forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition())));
            seen.put(t.name(), new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public void send(Topic topic, String key, CloudEvent event) {
        send(topic.name(), key, event);
    }

    public void send(String topic, String key, CloudEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JsonCodec.toBytes(event)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic + " within 10 s", e);
        }
    }

    /** A catalog as the launcher publishes it, with an event id of its own. */
    public void catalog(Catalog catalog, Instant at) {
        catalog(catalog, "catalog-" + catalog.platformId() + "-" + (++ids), at);
    }

    /** A catalog under the CloudEvent id {@code eventId}: the same id twice is the same publication. */
    public void catalog(Catalog catalog, String eventId, Instant at) {
        send(
                Topics.CATALOG,
                catalog.platformId(),
                JsonCodec.envelope(
                        eventId, EventTypes.CATALOG, "/stormwatch/launcher", catalog.platformId(), at, false, catalog));
    }

    /** A catalog under the CloudEvent id {@code eventId}, published now. */
    public void publishCatalog(Catalog catalog, String eventId) {
        catalog(catalog, eventId, Instant.now());
    }

    /** A health event as health-ingest writes it. */
    public void health(String cloudEventId, HealthEvent event, Instant at) {
        send(
                Topics.HEALTH_EVENTS,
                event.key(),
                JsonCodec.envelope(
                        cloudEventId,
                        EventTypes.HEALTH_EVENT,
                        "/stormwatch/health-ingest",
                        event.key(),
                        at,
                        false,
                        event));
    }

    /** An incident version as the correlator writes it, now. */
    public void publishIncident(Incident incident) {
        send(
                Topics.INCIDENTS,
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

    /** An open incident of a storage outage in Australia East, opened now, with one tracking id. */
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

    /** What status-api writes when a dr-lead approves or declines. */
    public void decide(Decision d, DecisionState state, String by, String evidence, Instant at) {
        decide("taken-" + d.id(), d, state, by, evidence, at);
    }

    /** A taking with its own CloudEvent id, as each status-api request writes it. */
    public void decide(String cloudEventId, Decision d, DecisionState state, String by, String evidence, Instant at) {
        Decision taken = d.taken(state, by, at, null, evidence);
        send(
                Topics.DR_DECISIONS,
                d.id(),
                JsonCodec.envelope(
                        cloudEventId, EventTypes.DECISION_TAKEN, "/stormwatch/status-api", d.id(), at, false, taken));
    }

    /** What status-api writes when a dr-lead starts or abandons a drill. */
    public void drill(DrillRequest request) {
        send(
                Topics.DRILLS,
                request.drillId(),
                JsonCodec.envelope(
                        "drill-request-" + request.drillId() + "-"
                                + request.action().wire(),
                        EventTypes.DRILL_REQUESTED,
                        "/stormwatch/status-api",
                        request.drillId(),
                        request.requestedAt(),
                        true,
                        request));
    }

    /** What status-api writes when a responder starts a recovery step. */
    public void stepStarted(Decision d, String by, Instant at) {
        send(
                Topics.DR_DECISIONS,
                d.id(),
                JsonCodec.envelope(
                        "started-" + d.id(),
                        EventTypes.STEP_STARTED,
                        "/stormwatch/status-api",
                        d.id(),
                        at,
                        d.drill(),
                        new StepStarted(d.id(), d.platformId(), by, at, "dashboard")));
    }

    /** Everything written to {@code topic} so far (one of the outputs followed), in the order read. */
    public List<Written> written(Topic topic) {
        poll(Duration.ZERO);
        return List.copyOf(seen.get(topic.name()));
    }

    /** Polls until {@code done} holds for what was written to {@code topic}, or fails after {@code timeout}. */
    public List<Written> await(Topic topic, Duration timeout, String what, Predicate<List<Written>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Written> now = written(topic);
            if (done.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; " + topic.name() + " has "
                        + now.size() + " records: "
                        + now.stream().map(w -> w.event().id()).toList());
            }
            poll(Duration.ofMillis(100));
        }
    }

    /**
     * Every committed record of {@code topic} from its beginning, read by a consumer of its own, polling until
     * {@code until} holds for what was read.
     */
    public List<CloudEvent> readUntil(String topic, Predicate<List<CloudEvent>> until, Duration timeout) {
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
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

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private synchronized void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            CloudEvent e = r.value() == null ? null : JsonCodec.fromJson(r.value(), CloudEvent.class);
            if (platformId != null
                    && (e == null
                            || e.data() == null
                            || !platformId.equals(e.data().path("platformId").asText(null)))) {
                continue;
            }
            seen.get(r.topic()).add(new Written(r.topic(), r.partition(), r.offset(), r.key(), e));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
