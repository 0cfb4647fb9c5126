package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.HealthEvents.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;

/**
 * Scaling and failure on the real broker: the same inputs (six copies of the example platform through the whole
 * failover and fallback flow) give exactly the same records, key by key, whether one correlator instance processes
 * them, or two that share the partitions and one of which is killed (no clean leave, its transaction open) in the
 * middle of the recovery steps. Each run has its own broker, so that the runs cannot see each other's records.
 */
class TwoInstancesIT {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(90);
    static final List<String> PLATFORMS = List.of("twin-1", "twin-2", "twin-3", "twin-4", "twin-5", "twin-6");
    static final List<Topic> OUTPUTS = List.of(
            Topics.INCIDENTS,
            Topics.COMPONENT_STATUS,
            Topics.DR_DECISIONS,
            Topics.HANDOVERS,
            Topics.FEASIBILITY,
            Topics.AUDIT,
            Topics.HEALTH_EVENTS_DLQ);

    @Test
    void twoInstancesWithOneKilledMidStreamWriteExactlyWhatOneInstanceWrites() throws Exception {
        QuietKafkaLogs.apply();
        Map<String, Map<String, List<String>>> one = run("single", false);
        Map<String, Map<String, List<String>>> two = run("twins", true);

        for (Topic topic : OUTPUTS) {
            assertEquals(one.get(topic.name()), two.get(topic.name()), "records per key on " + topic.name());
        }
        assertEquals(
                6 * 22 + 6,
                one.get(Topics.HANDOVERS.name()).values().stream()
                        .mapToInt(List::size)
                        .sum(),
                "every platform handed over twice (failed over, fallback complete), 11 components each, and its DR run"
                        + " completed once");
        assertFalse(one.get(Topics.INCIDENTS.name()).isEmpty());
    }

    /** One run on a fresh broker; returns every CloudEvent id written, per topic and key, in the order written. */
    private Map<String, Map<String, List<String>>> run(String name, boolean twoInstances) throws Exception {
        Path dir = Files.createDirectories(Path.of("target").toAbsolutePath())
                .resolve("twins-" + name + "-" + System.nanoTime());
        MutableClock clock = new MutableClock(T0);
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"))) {
            TopicSetup.apply(broker.bootstrapServers());
            KafkaStreams first = streams(broker, name, dir.resolve("state-1"), clock);
            KafkaStreams second = twoInstances ? streams(broker, name, dir.resolve("state-2"), clock) : null;
            try (BrokerClient client = new BrokerClient(broker.bootstrapServers(), OUTPUTS)) {
                first.start();
                if (second != null) {
                    second.start();
                }
                awaitRunning(first, second);
                flow(client, clock, () -> {
                    if (second != null) {
                        List<String> owned = second.metadataForLocalThreads().stream()
                                .flatMap(t -> t.activeTasks().stream())
                                .map(t -> t.taskId().toString())
                                .toList();
                        assertFalse(owned.isEmpty(), "the instance to kill owns tasks");
                        // Killed: no leave-group, no wait for its open transaction.
                        second.close(new KafkaStreams.CloseOptions()
                                .leaveGroup(false)
                                .timeout(Duration.ZERO));
                    }
                });
                Map<String, Map<String, List<String>>> out = new TreeMap<>();
                for (Topic topic : OUTPUTS) {
                    Map<String, List<String>> byKey = new TreeMap<>();
                    for (BrokerClient.Written w : client.written(topic)) {
                        byKey.computeIfAbsent(String.valueOf(w.key()), k -> new ArrayList<>())
                                .add(w.event().id());
                    }
                    out.put(topic.name(), byKey);
                }
                return out;
            } finally {
                first.close(Duration.ofSeconds(30));
                if (second != null) {
                    second.close(Duration.ofSeconds(30));
                }
            }
        } finally {
            delete(dir);
        }
    }

    /** The whole flow for every platform, one step at a time: each step waits for its effect on all platforms. */
    private static void flow(BrokerClient client, MutableClock clock, Runnable kill) {
        for (String p : PLATFORMS) {
            client.catalog(Catalogs.contoso(p, subscription(p)), clock.instant());
        }
        client.await(Topics.FEASIBILITY, WAIT, "six catalogs", w -> w.size() == 6);

        for (String p : PLATFORMS) {
            client.health(p + "-stg-a", storage(p), clock.instant());
        }
        awaitDecisions(client, "six invoke-dr", d -> d.kind() == DecisionKind.INVOKE_DR, 6);
        for (String p : PLATFORMS) {
            client.health(p + "-adf-a", factory(p), clock.instant());
        }
        awaitIncidents(client, "six two-event incidents", i -> i.trackingIds().size() == 2, 6);
        for (String p : PLATFORMS) {
            client.health(
                    p + "-adv-a",
                    HealthEvents.incident(p.toUpperCase() + "-ADV", "Storage", SECONDARY, T0.plusSeconds(300))
                            .kind(HealthEventKind.HEALTH_ADVISORY)
                            .level("informational")
                            .subscription(subscription(p))
                            .build(),
                    clock.instant());
        }
        awaitIncidents(client, "six readiness risks", Incident::readinessRisk, 6);

        for (Decision d : open(client, DecisionKind.INVOKE_DR)) {
            client.decide(d, DecisionState.APPROVED, "priya", null, clock.instant());
        }
        awaitDecisions(client, "72 recovery steps", d -> d.kind() == DecisionKind.RECOVERY_STEP, 72);

        for (int order = 1; order <= 12; order++) {
            int step = order;
            for (Decision d : open(client, DecisionKind.RECOVERY_STEP)) {
                if (d.step().runOrder() == step) {
                    client.decide(d, DecisionState.APPROVED, "tom", null, clock.instant());
                }
            }
            if (step == 1) {
                kill.run();
            }
            awaitDecisions(
                    client,
                    "step " + step + " approved everywhere",
                    d -> d.kind() == DecisionKind.RECOVERY_STEP
                            && d.step().runOrder() == step
                            && d.state() == DecisionState.APPROVED,
                    6);
        }
        awaitDecisions(client, "six sign-offs", d -> d.kind() == DecisionKind.BUSINESS_SIGNOFF, 6);
        for (Decision d : open(client, DecisionKind.BUSINESS_SIGNOFF)) {
            client.decide(d, DecisionState.APPROVED, "fiona", null, clock.instant());
        }
        // 66 handovers and six dr-run-completed records, one per platform.
        client.await(Topics.HANDOVERS, WAIT, "failed-over handovers", w -> w.size() == 66 + 6);

        clock.advance(Duration.ofHours(6));
        for (String p : PLATFORMS) {
            client.health(
                    p + "-stg-b",
                    HealthEvents.from(storage(p)).resolved(clock.instant()).build(),
                    clock.instant());
            client.health(
                    p + "-adf-b",
                    HealthEvents.from(factory(p)).resolved(clock.instant()).build(),
                    clock.instant());
        }
        awaitDecisions(client, "six fallbacks", d -> d.kind() == DecisionKind.FALLBACK, 6);
        for (Decision d : open(client, DecisionKind.FALLBACK)) {
            client.decide(d, DecisionState.APPROVED, "priya", null, clock.instant());
        }
        client.await(Topics.HANDOVERS, WAIT, "fallback handovers", w -> w.size() == 132 + 6);
        awaitIncidents(
                client,
                "six outage incidents resolved",
                i -> i.state() == dev.stormwatch.contracts.incident.IncidentState.RESOLVED,
                6);
        List<Handover> all = client.written(Topics.HANDOVERS).stream()
                .filter(w -> EventTypes.HANDOVER.equals(w.event().type()))
                .map(w -> w.data(Handover.class))
                .toList();
        assertEquals(132, all.stream().map(Handover::id).distinct().count(), "no handover twice");
    }

    /** Each platform in its own subscription, so that an event scoped to it hits that platform only. */
    private static String subscription(String platform) {
        return "00000000-0000-0000-0000-00000000000" + platform.charAt(platform.length() - 1);
    }

    private static HealthEvent storage(String platform) {
        return HealthEvents.incident(platform.toUpperCase() + "-STG", "Storage", PRIMARY, T0)
                .subscription(subscription(platform))
                .build();
    }

    private static HealthEvent factory(String platform) {
        return HealthEvents.incident(platform.toUpperCase() + "-ADF", "Data Factory", PRIMARY, T0.plusSeconds(120))
                .subscription(subscription(platform))
                .build();
    }

    private static Map<String, Decision> latestDecisions(List<BrokerClient.Written> written) {
        Map<String, Decision> latest = new LinkedHashMap<>();
        for (BrokerClient.Written w : written) {
            if (!EventTypes.DECISION.equals(w.event().type())) {
                continue;
            }
            Decision d = w.data(Decision.class);
            latest.merge(d.id(), d, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest;
    }

    private static List<Decision> open(BrokerClient client, DecisionKind kind) {
        return latestDecisions(client.written(Topics.DR_DECISIONS)).values().stream()
                .filter(d -> d.kind() == kind && d.state() == DecisionState.OPEN)
                .toList();
    }

    private static void awaitDecisions(BrokerClient client, String what, Predicate<Decision> match, int count) {
        client.await(
                Topics.DR_DECISIONS,
                WAIT,
                what,
                w -> latestDecisions(w).values().stream().filter(match).count() == count);
    }

    private static void awaitIncidents(BrokerClient client, String what, Predicate<Incident> match, int count) {
        client.await(Topics.INCIDENTS, WAIT, what, w -> {
            Map<String, Incident> latest = new LinkedHashMap<>();
            for (BrokerClient.Written x : w) {
                Incident i = x.data(Incident.class);
                latest.merge(i.id(), i, (a, b) -> a.version() >= b.version() ? a : b);
            }
            return latest.values().stream().filter(match).count() == count;
        });
    }

    private static KafkaStreams streams(KafkaBroker broker, String app, Path stateDir, MutableClock clock) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlator-" + app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A killed instance is noticed after the broker's minimum session timeout.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return new KafkaStreams(new CorrelatorTopology(TestConfigs.defaults(), clock).build(), p);
    }

    private static void awaitRunning(KafkaStreams first, KafkaStreams second) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (first.state() != KafkaStreams.State.RUNNING
                || second != null && second.state() != KafkaStreams.State.RUNNING
                || second != null && tasks(second) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances not running with tasks: " + first.state() + ", "
                        + (second == null ? "-" : second.state()));
            }
            Thread.sleep(100);
        }
    }

    private static long tasks(KafkaStreams s) {
        return s.metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks)
                .mapToLong(java.util.Set::size)
                .sum();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }
}
