package dev.stormwatch.status.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.TopicWriter;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.kafka.KafkaSettings;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A second delivery worker of the same subscription (a second status-api instance) joins the consumer group while the
 * first one backs off from a failing receiver; more handovers arrive during the back-off; then the receiver recovers.
 * Every handover must reach it exactly once, in partition order, or be dead-lettered: the rebalance must not hand the
 * waiting worker partitions whose records it drops and then commits past.
 */
@QuarkusTest
class DeliveryRebalanceIT {

    static final String P = "rb-platform";
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KafkaSettings settings;

    @Inject
    EventPublisher publisher;

    @Inject
    OffsetProbe offsets;

    @Inject
    OutboundHttp http;

    @Test
    void aWorkerJoiningDuringTheBackOffLosesAndRepeatsNothing() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        String id = "sub-rebalance-" + Long.toHexString(System.nanoTime());
        SubscriptionView view = new SubscriptionView(changed -> {});
        Map<String, List<String>> written = new LinkedHashMap<>();
        try (WebhookReceiver receiver = new WebhookReceiver();
                Admin admin = Admin.create(Map.of("bootstrap.servers", TopicWriter.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = producer()) {
            String url = receiver.add("/rebalance", n -> failing.get() ? 503 : 200, 0);
            Subscription s = new Subscription(
                    id,
                    "ops-team",
                    url,
                    "unused",
                    List.of(P),
                    List.of(),
                    Set.of("handover"),
                    false,
                    "admin",
                    Instant.parse("2026-11-22T10:00:00Z"),
                    offsets.ends(List.of(Topics.HANDOVERS.name())));
            String group = DeliveryWorker.groupId(id);
            DeliveryWorker first = start(s, view);
            DeliveryWorker second = null;
            try {
                Eventually.until(
                        WAIT,
                        "the first worker owns all six partitions",
                        () -> assigned(admin, group).equals(List.of(6)));
                write(producer, written, "wave1", 1);
                Eventually.until(
                        WAIT,
                        "the first worker is backing off",
                        () -> receiver.deliveries("/rebalance").size() >= 2);

                second = start(s, view);
                Eventually.until(
                        WAIT,
                        "both workers own partitions",
                        () -> assigned(admin, group).size() == 2
                                && !assigned(admin, group).contains(0));
                // Arrive while the first worker still backs off: its poll during the wait fetches them.
                write(producer, written, "wave2", 2);
                Thread.sleep(3_000);
                failing.set(false);

                Set<String> all =
                        written.values().stream().flatMap(List::stream).collect(Collectors.toSet());
                Eventually.assertThat(
                        WAIT,
                        () -> assertEquals(
                                List.of(),
                                all.stream()
                                        .sorted()
                                        .filter(h -> accepted(receiver, h).isEmpty()
                                                && view.deadLetters(id).stream()
                                                        .noneMatch(
                                                                d -> d.eventId().equals(h)))
                                        .toList(),
                                "handovers neither delivered nor dead-lettered"));
                Thread.sleep(2_000);

                for (String h : all) {
                    boolean dead = view.deadLetters(id).stream()
                            .anyMatch(d -> d.eventId().equals(h));
                    assertEquals(
                            dead ? 0 : 1,
                            accepted(receiver, h).size(),
                            h + " accepted " + accepted(receiver, h).size() + " times");
                }
                List<String> order = receiver.deliveries("/rebalance").stream()
                        .filter(d -> d.answered() == 200)
                        .map(WebhookReceiver.Delivery::eventId)
                        .toList();
                for (Map.Entry<String, List<String>> partition : written.entrySet()) {
                    List<String> seen = order.stream()
                            .filter(partition.getValue()::contains)
                            .toList();
                    List<String> expected =
                            partition.getValue().stream().filter(seen::contains).toList();
                    assertEquals(expected, seen, "delivery order on " + partition.getKey());
                }
            } finally {
                first.stop();
                if (second != null) {
                    second.stop();
                }
            }
        }
    }

    private DeliveryWorker start(Subscription s, SubscriptionView view) {
        DeliveryWorker worker = new DeliveryWorker(
                s, "rebalance-secret-000001", settings, publisher, view, new SlowRetries(), Clock.systemUTC(), http);
        worker.start();
        return worker;
    }

    /** {@code perPartition} handovers on each of the six partitions, in order, keyed by partition. */
    private static void write(
            KafkaProducer<String, byte[]> producer, Map<String, List<String>> written, String wave, int perPartition)
            throws Exception {
        for (int p = 0; p < Topics.HANDOVERS.partitions(); p++) {
            for (int i = 1; i <= perPartition; i++) {
                String eventId = "rb-" + wave + "-p" + p + "-" + i;
                Handover h = Samples.handover(
                        eventId, P, "storage", "rb-incident", Instant.parse("2026-11-22T11:00:00Z"), false);
                byte[] value = JsonCodec.toBytes(JsonCodec.envelope(
                        eventId,
                        EventTypes.HANDOVER,
                        "/stormwatch/incident-correlator",
                        P + "/storage",
                        h.at(),
                        false,
                        h));
                producer.send(new ProducerRecord<>(Topics.HANDOVERS.name(), p, P + "/storage", value))
                        .get();
                written.computeIfAbsent("partition " + p, k -> new ArrayList<>())
                        .add(eventId);
            }
        }
    }

    /** How many partitions each member of the group owns, once the group is stable; empty while it rebalances. */
    private static List<Integer> assigned(Admin admin, String group) {
        try {
            ConsumerGroupDescription d =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            if (d.groupState() != GroupState.STABLE) {
                return List.of();
            }
            return d.members().stream()
                    .map(MemberDescription::assignment)
                    .map(a -> a.topicPartitions().size())
                    .toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<WebhookReceiver.Delivery> accepted(WebhookReceiver receiver, String eventId) {
        return receiver.deliveries("/rebalance").stream()
                .filter(d -> d.answered() == 200 && d.eventId().equals(eventId))
                .toList();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TopicWriter.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** Retries far apart and many: the back-off lasts long enough for another worker to join during it. */
    private static final class SlowRetries implements StatusApiConfig.Subscriptions {
        @Override
        public String secretKey() {
            return "unused";
        }

        @Override
        public int maxAttempts() {
            return 200;
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofMillis(400);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMillis(800);
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("handover");
        }

        @Override
        public StatusApiConfig.Destinations destinations() {
            throw new UnsupportedOperationException("the worker is given its sender");
        }
    }
}
