package dev.stormwatch.correlator;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.Platform;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * How many provider events per second the correlator correlates against catalogs of 10, 1 000 and 10 000 components,
 * end to end on the real broker: the service's topology with exactly-once and RocksDB stores, events produced to
 * health-events.v1, the clock stopped once every incident snapshot they cause is on incidents.v1.
 *
 * <p>Not part of the default test run (the name does not end in Test); run it with {@code ./mvnw -B -o -pl
 * incident-correlator test -Dtest=CorrelationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Two loads per catalog:
 * events on leaf components (nothing depends on them) measure matching, grouping and the incident lifecycle; events on
 * components anywhere in the graph add the impacted-upstream fan-out of statuses. Every event is a resource becoming
 * unavailable then available again (two records), each pair its own incident.
 */
class CorrelationBenchmark {

    static final int LAYERS = 10;
    static final int SERVICES = 50;
    static final String SUBSCRIPTION = "99999999-9999-9999-9999-999999999999";
    static final int MAX_RECORD = 32 * 1024 * 1024;

    @Test
    void eventsCorrelatedPerSecond() throws Exception {
        QuietKafkaLogs.apply();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-11s %-10s %7s %9s %10s %14s %16s",
                "components",
                "events on",
                "events",
                "seconds",
                "events/s",
                "status records",
                "stream cpu ms/ev"));
        // Warm-up, not reported: class loading and the JIT would weigh on the first figure only.
        measure(10, true, 300);
        // -Dbenchmark.sizes=1000 measures one catalog size only (for a profile); default all three.
        for (String size :
                System.getProperty("benchmark.sizes", "10,1000,10000").split(",")) {
            lines.add(measure(Integer.parseInt(size.trim()), true, 1_000));
            lines.add(measure(Integer.parseInt(size.trim()), false, 200));
        }
        System.out.println("\nCorrelation benchmark (real broker, exactly-once, RocksDB stores, "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        lines.forEach(System.out::println);
    }

    private String measure(int size, boolean leaves, int pairs) throws Exception {
        Catalog catalog = catalog(size);
        Path dir = Files.createDirectories(Path.of("target").toAbsolutePath()).resolve("bench-" + System.nanoTime());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (KafkaBroker broker = KafkaBroker.start(
                dir.resolve("broker"),
                0,
                Map.of(
                        "message.max.bytes",
                        String.valueOf(MAX_RECORD),
                        "replica.fetch.max.bytes",
                        String.valueOf(MAX_RECORD)))) {
            TopicSetup.apply(broker.bootstrapServers());
            KafkaStreams streams = streams(broker, dir.resolve("state"), clock);
            try (KafkaProducer<String, byte[]> producer = producer(broker);
                    KafkaConsumer<String, byte[]> incidents = consumer(broker, Topics.INCIDENTS.name());
                    KafkaConsumer<String, byte[]> statuses = consumer(broker, Topics.COMPONENT_STATUS.name());
                    KafkaConsumer<String, byte[]> feasibility = consumer(broker, Topics.FEASIBILITY.name())) {
                streams.start();
                send(
                        producer,
                        Topics.CATALOG.name(),
                        catalog.platformId(),
                        JsonCodec.envelope(
                                "catalog-1",
                                EventTypes.CATALOG,
                                "/bench",
                                catalog.platformId(),
                                clock.instant(),
                                false,
                                catalog));
                count(feasibility, 1, Duration.ofMinutes(5));
                long initialStatuses = count(statuses, size, Duration.ofMinutes(5));

                List<Component> targets = targets(catalog, leaves, pairs);
                long began = System.nanoTime();
                long cpuBefore = streamThreadCpu();
                Instant start = clock.instant();
                for (int i = 0; i < pairs; i++) {
                    Component c = targets.get(i);
                    // Three hours apart: outside the grouping window, one incident per pair.
                    Instant at = start.plus(Duration.ofHours(3L * i));
                    send(
                            producer,
                            Topics.HEALTH_EVENTS.name(),
                            "B-" + i,
                            event(
                                    "e-" + i + "-a",
                                    resource(c, "B-" + i, at, HealthStage.ACTIVE, "unavailable"),
                                    clock));
                    send(
                            producer,
                            Topics.HEALTH_EVENTS.name(),
                            "B-" + i,
                            event(
                                    "e-" + i + "-b",
                                    resource(c, "B-" + i, at.plusSeconds(600), HealthStage.RESOLVED, "available"),
                                    clock));
                }
                producer.flush();
                count(incidents, 2L * pairs, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - began) / 1e9;
                // CPU time of the stream thread per event: what the correlation costs, whatever else runs on the
                // machine.
                double cpuMsPerEvent = (streamThreadCpu() - cpuBefore) / 1e6 / (2.0 * pairs);
                long statusRecords = count(statuses, 0, Duration.ofMinutes(5)) - initialStatuses;
                return String.format(
                        Locale.ROOT,
                        "%-11d %-10s %7d %9.1f %10.0f %14d %16.2f",
                        size,
                        leaves ? "leaves" : "anywhere",
                        2 * pairs,
                        seconds,
                        2 * pairs / seconds,
                        statusRecords,
                        cpuMsPerEvent);
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    /** CPU nanoseconds used so far by the Kafka Streams threads of this JVM. */
    static long streamThreadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("StreamThread")) {
                total += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    /** A layered platform: each component depends on two of the layer before it; 50 services across all of them. */
    static Catalog catalog(int size) {
        int perLayer = Math.max(1, size / LAYERS);
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int layer = Math.min(i / perLayer, LAYERS - 1);
            List<String> deps = new ArrayList<>();
            if (layer > 0) {
                int base = (layer - 1) * perLayer;
                deps.add("c" + (base + (i * 7) % perLayer));
                String second = "c" + (base + (i * 13 + 1) % perLayer);
                if (!deps.contains(second)) {
                    deps.add(second);
                }
            }
            String stage = Component.LAYERS.get(Math.min(layer / 2, Component.LAYERS.size() - 1));
            components.add(new Component(
                    "c" + i,
                    "Component " + i,
                    "Service " + (i % SERVICES),
                    List.of(),
                    stage,
                    null,
                    null,
                    3,
                    List.of(),
                    List.of(),
                    List.of(resourceId(i)),
                    deps,
                    null,
                    null,
                    List.of(new RecoveryStep("recover c" + i, null, "10m", "5m", null, "check", "redeploy", null))));
        }
        Platform platform = new Platform(
                "bench-" + size,
                "Benchmark " + size,
                "westeurope",
                "northeurope",
                "warm-spare",
                "72h",
                "4h",
                List.of(SUBSCRIPTION),
                null,
                null,
                null);
        return new Catalog(platform, components, List.of(), Map.of(), List.of(), List.of(), List.of());
    }

    static String resourceId(int i) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourcegroups/rg-bench/providers/microsoft.bench/things/c" + i;
    }

    /** Leaves (no component depends on them) or components spread over every layer. */
    static List<Component> targets(Catalog catalog, boolean leaves, int count) {
        java.util.Set<String> depended = new java.util.HashSet<>();
        catalog.components().forEach(c -> depended.addAll(c.dependsOn()));
        List<Component> pool = catalog.components().stream()
                .filter(c -> !leaves || !depended.contains(c.id()))
                .toList();
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(pool.get((int) ((long) i * 7919 % pool.size())));
        }
        return out;
    }

    static HealthEvent resource(Component c, String tracking, Instant at, HealthStage stage, String availability) {
        return new HealthEvent(
                "benchmark",
                HealthEventKind.RESOURCE_AVAILABILITY,
                tracking,
                c.name() + " " + availability,
                null,
                stage,
                "warning",
                List.of(),
                c.resourceIds(),
                SUBSCRIPTION,
                at,
                null,
                at,
                null,
                availability,
                false);
    }

    static CloudEvent event(String id, HealthEvent e, MutableClock clock) {
        return JsonCodec.envelope(id, EventTypes.HEALTH_EVENT, "/bench", e.key(), clock.instant(), false, e);
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, String key, CloudEvent event) {
        producer.send(new ProducerRecord<>(topic, key, JsonCodec.toBytes(event)));
    }

    static KafkaStreams streams(KafkaBroker broker, Path stateDir, MutableClock clock) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlator-bench");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_RECORD);
        return new KafkaStreams(new CorrelatorTopology(TestConfigs.defaults(), clock).build(), p);
    }

    static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        MAX_RECORD,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static KafkaConsumer<String, byte[]> consumer(KafkaBroker broker, String topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /**
     * Committed records on the consumer's topic since the beginning, read until there are at least {@code atLeast} and
     * a poll brings nothing more.
     */
    static long count(KafkaConsumer<String, byte[]> consumer, long atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        for (TopicPartition tp : consumer.assignment()) {
            seen += consumer.position(tp)
                    - consumer.beginningOffsets(List.of(tp)).get(tp);
        }
        while (true) {
            int got = consumer.poll(Duration.ofMillis(200)).count();
            seen += got;
            if (seen >= atLeast && got == 0) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen + " of " + atLeast + " records within " + timeout);
            }
        }
    }
}
