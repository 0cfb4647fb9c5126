package dev.stormwatch.local.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.kafka.TopicFollower;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared topic follower against the real in-JVM broker: replays for read models, group members for deliveries. */
class TopicFollowerIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static KafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "topic-follower-test-"));
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void aReplayIsCaughtUpOnlyWithEveryCommittedRecordOfTheStartAndThenTails() throws Exception {
        createTopic("replay-a", 3);
        createTopic("replay-b", 1);
        send("replay-a", 0, "a0-1", "a0-2");
        send("replay-a", 1, "a1-1");
        // Partition 2 stays empty; replay-b ends with transaction markers: committed, then aborted records.
        try (KafkaProducer<String, String> tx = producer("replay-tx")) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>("replay-b", 0, "k", "b-committed"));
            tx.commitTransaction();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>("replay-b", 0, "k", "b-aborted"));
            tx.flush();
            tx.abortTransaction();
        }
        List<String> applied = new CopyOnWriteArrayList<>();
        AtomicReference<List<String>> atCaughtUp = new AtomicReference<>();
        try (TopicFollower replay = TopicFollower.replay(
                "replay-test",
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                List.of("replay-a", "replay-b"),
                r -> applied.add(text(r)),
                () -> atCaughtUp.set(List.copyOf(applied)))) {
            assertFalse(replay.caughtUp());
            replay.start();
            assertTrue(replay.awaitCaughtUp(WAIT), replay.status());
            assertEquals(List.of("a0-1", "a0-2", "a1-1", "b-committed"), sorted(atCaughtUp.get()));
            assertTrue(replay.status().startsWith("caught up after 4 records"), replay.status());

            send("replay-a", 2, "a2-later");
            until("the later record tailed", () -> applied.contains("a2-later"));
        }
        List<String> again = new CopyOnWriteArrayList<>();
        TopicFollower.readToEnd(
                "replay-again",
                Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "ignored"),
                List.of("replay-a", "replay-b"),
                r -> again.add(text(r)),
                WAIT);
        assertEquals(
                List.of("a0-1", "a0-2", "a1-1", "a2-later", "b-committed"),
                sorted(again),
                "read again from the beginning");
        assertFalse(
                admin.listGroups().all().get().stream()
                        .anyMatch(g -> g.groupId().equals("ignored")),
                "a replay joins no group");
    }

    @Test
    void readingToTheEndOfATopicThatDoesNotExistFailsWithItsName() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TopicFollower.readToEnd(
                        "missing",
                        Map.of("bootstrap.servers", broker.bootstrapServers()),
                        List.of("no-such-topic"),
                        r -> {},
                        Duration.ofSeconds(3)));
        assertEquals(
                "could not read [no-such-topic] within PT3S: waiting for topics [no-such-topic] to exist",
                e.getMessage());
    }

    @Test
    void aMemberJoiningWhileAnotherWaitsToRetryLosesAndRepeatsNothing() throws Exception {
        createTopic("group-a", 4);
        AtomicBoolean failing = new AtomicBoolean(true);
        List<String> done = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        TopicFollower.Attempt attempt = (r, n) -> {
            attempts.add(text(r));
            if (failing.get()) {
                return Duration.ofMillis(500);
            }
            done.add(text(r));
            return null;
        };
        Map<String, List<String>> written = new LinkedHashMap<>();
        Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers());
        try (TopicFollower first = TopicFollower.inGroup(
                        "member-1", props, "deliveries", List.of("group-a"), tp -> 0L, attempt)
                .start()) {
            until(
                    "the first member owns all four partitions",
                    () -> assigned("deliveries").equals(List.of(4)));
            write(written, "wave1", 1);
            until("the first member waits to retry", () -> attempts.size() >= 2);
            try (TopicFollower second = TopicFollower.inGroup(
                            "member-2", props, "deliveries", List.of("group-a"), tp -> 0L, attempt)
                    .start()) {
                until(
                        "both members own partitions",
                        () -> assigned("deliveries").size() == 2
                                && !assigned("deliveries").contains(0));
                write(written, "wave2", 2);
                Thread.sleep(2_000);
                failing.set(false);
                int all = written.values().stream().mapToInt(List::size).sum();
                until("every record handled", () -> done.size() >= all);
                Thread.sleep(1_000);
            }
        }
        for (Map.Entry<String, List<String>> partition : written.entrySet()) {
            assertEquals(
                    partition.getValue(),
                    done.stream().filter(partition.getValue()::contains).toList(),
                    "each record of " + partition.getKey() + " once, in order");
        }
        assertEquals(
                written.values().stream().mapToInt(List::size).sum(), done.size(), "nothing handled twice: " + done);

        // A new member of the group starts from the committed offsets: nothing is handled again.
        List<String> later = new CopyOnWriteArrayList<>();
        try (TopicFollower third = TopicFollower.inGroup(
                        "member-3", props, "deliveries", List.of("group-a"), tp -> 0L, (r, n) -> {
                            later.add(text(r));
                            return null;
                        })
                .start()) {
            until(
                    "the third member owns all partitions",
                    () -> assigned("deliveries").equals(List.of(4)));
            send("group-a", 3, "after-restart");
            until("the new record handled", () -> later.contains("after-restart"));
        }
        assertEquals(List.of("after-restart"), later);
    }

    @Test
    void aPartitionWithoutCommittedOffsetStartsWhereTheCallerSays() throws Exception {
        createTopic("group-start", 1);
        send("group-start", 0, "before-1", "before-2", "from-here");
        List<String> handled = new CopyOnWriteArrayList<>();
        try (TopicFollower member = TopicFollower.inGroup(
                        "member-start",
                        Map.of("bootstrap.servers", broker.bootstrapServers()),
                        "starting",
                        List.of("group-start"),
                        tp -> 2L,
                        (r, n) -> {
                            handled.add(text(r));
                            return null;
                        })
                .start()) {
            until("the record at offset 2 handled", () -> handled.contains("from-here"));
        }
        assertEquals(List.of("from-here"), handled);
    }

    private static void write(Map<String, List<String>> written, String wave, int perPartition) throws Exception {
        for (int p = 0; p < 4; p++) {
            for (int i = 1; i <= perPartition; i++) {
                String value = wave + "-p" + p + "-" + i;
                send("group-a", p, value);
                written.computeIfAbsent("partition " + p, k -> new ArrayList<>())
                        .add(value);
            }
        }
    }

    private static List<Integer> assigned(String group) {
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

    private static void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get();
    }

    private static void send(String topic, int partition, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, "k", v)).get();
            }
        }
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Map<String, Object> props = new LinkedHashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props);
    }

    private static String text(ConsumerRecord<String, byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(25);
        }
    }
}
