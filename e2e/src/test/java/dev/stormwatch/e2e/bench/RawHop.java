package dev.stormwatch.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floor under the page path's latency on this machine and broker, with nothing of ours in it: how long an acks=all
 * record takes to become readable to a read_committed consumer (what health-ingest's hop is made of), and how long one
 * Kafka Streams hop that only copies its input takes under exactly-once with the correlator's and the notifier's commit
 * settings (what each of their hops is made of), then the same hop at-least-once (what exactly-once costs). The page
 * path is one produce and three exactly-once hops, so these say which part of each measured hop is ours and which part
 * no code of ours can remove. Records are sent one at a time, each after the previous one came out, as in the idle
 * stage.
 */
final class RawHop {

    static final String PRODUCE = "raw floor: produce (acks=all) → readable";
    static final String EXACTLY_ONCE = "raw floor: one Kafka Streams hop, exactly-once";
    static final String AT_LEAST_ONCE = "raw floor: one Kafka Streams hop, at-least-once";

    /**
     * The correlator's and the notifier's settings (their application.properties), or the correlator's trial of this
     * run ({@code -Dbench.set.incident-correlator:kafka-streams.<property>}), so a trial shows its floor too.
     */
    static final String COMMIT_INTERVAL_MS = servicesSetting("commit.interval.ms", "10");

    static final String POLL_MS = servicesSetting("poll.ms", "10");

    private static String servicesSetting(String property, String services) {
        return System.getProperty("bench.set.incident-correlator:kafka-streams." + property, services);
    }

    private static final String IN = "bench-raw-hop-in";

    private final String bootstrap;
    private final FigureTable table;
    private final byte[] payload;
    private final int records;

    RawHop(String bootstrap, FigureTable table, byte[] payload, double scale) {
        this.bootstrap = bootstrap;
        this.table = table;
        this.payload = payload;
        this.records = Math.max(30, (int) (100 * scale));
    }

    void measure() throws Exception {
        SystemBenchmark.stage("rawHop");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic(IN, 1, (short) 1),
                            new NewTopic(out(StreamsConfig.EXACTLY_ONCE_V2), 1, (short) 1),
                            new NewTopic(out(StreamsConfig.AT_LEAST_ONCE), 1, (short) 1)))
                    .all()
                    .get();
        }
        hops(StreamsConfig.EXACTLY_ONCE_V2, EXACTLY_ONCE, true);
        hops(StreamsConfig.AT_LEAST_ONCE, AT_LEAST_ONCE, false);
        String how = records + " records per run of " + payload.length + " bytes, one at a time, each sent once the "
                + "previous one came out; instants seen by a read_committed consumer (fetch.max.wait.ms 1), as the "
                + "idle stage's hops are";
        table.note(PRODUCE + " p50", how + "; idempotent producer, linger 0 (health-ingest's settings)");
        table.note(
                EXACTLY_ONCE + " p50",
                "input readable → output readable; a topology that copies each record, exactly_once_v2, "
                        + "commit.interval.ms " + COMMIT_INTERVAL_MS + ", poll.ms " + POLL_MS
                        + " (the correlator's and the notifier's settings), one stream thread");
        table.note(AT_LEAST_ONCE + " p50", "the same topology and settings, at_least_once");
    }

    private static String out(String guarantee) {
        return "bench-raw-hop-out-" + guarantee.replace('_', '-');
    }

    private void hops(String guarantee, String name, boolean alsoProduce) throws Exception {
        String out = out(guarantee);
        Path state = Files.createTempDirectory("raw-hop");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.String(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-raw-hop-" + guarantee.replace('_', '-'));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                Watch watch = new Watch(bootstrap, List.of(IN, out));
                KafkaProducer<String, byte[]> producer = producer()) {
            streams.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": the topology did not start within 1 min");
                }
                Thread.sleep(50);
            }
            // Warm up (the JIT, the transaction and group coordinators), then measure.
            send(producer, watch, out, "warm", records, null, null);
            for (int run = 0; run < SystemBenchmark.RUNS; run++) {
                List<Double> produce = new ArrayList<>();
                List<Double> hop = new ArrayList<>();
                send(producer, watch, out, name + "-" + run, records, produce, hop);
                if (alsoProduce) {
                    table.add(PRODUCE + " p50", "ms", FigureTable.quantile(produce, 0.5));
                    table.add(PRODUCE + " p99", "ms", FigureTable.quantile(produce, 0.99));
                }
                table.add(name + " p50", "ms", FigureTable.quantile(hop, 0.5));
                table.add(name + " p99", "ms", FigureTable.quantile(hop, 0.99));
            }
        }
    }

    private void send(
            KafkaProducer<String, byte[]> producer,
            Watch watch,
            String out,
            String prefix,
            int count,
            List<Double> produce,
            List<Double> hop) {
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(IN, key, payload));
            long deadline = sent + TimeUnit.SECONDS.toNanos(10);
            Long came = null;
            while ((came = watch.seen(out, key)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(key + " did not come out of " + out + " within 10 s");
                }
                LockSupport.parkNanos(100_000);
            }
            long in = watch.seen(IN, key);
            if (produce != null) {
                produce.add((in - sent) / 1e6);
                hop.add((came - in) / 1e6);
            }
            // An idle pipeline: the next record finds every commit of this one done. The pause varies so that sends
            // do not fall into step with the stream thread's poll and commit cycle.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
                    50 + ThreadLocalRandom.current().nextInt(20)));
        }
    }

    /** health-ingest's producer as it sends a lone alert: linger 0, so the floor is one record's trip. */
    private KafkaProducer<String, byte[]> producer() {
        return SystemBenchmark.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    /** When each key first became readable on each topic, as {@link System#nanoTime()}. */
    private static final class Watch implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final Thread poller;
        private volatile boolean running = true;

        Watch(String bootstrap, List<String> topics) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed",
                            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                            1,
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions =
                    topics.stream().map(t -> new TopicPartition(t, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = new Thread(this::poll, "raw-hop-watch");
            poller.setDaemon(true);
            poller.start();
        }

        Long seen(String topic, String key) {
            return seen.get(topic + "/" + key);
        }

        private void poll() {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    seen.putIfAbsent(r.topic() + "/" + r.key(), System.nanoTime());
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join(5_000);
            consumer.close();
        }
    }
}
