package dev.stormwatch.e2e.bench;

import dev.stormwatch.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each hop's output became visible to a downstream reader, per tracking id: a read-committed consumer on the
 * topics of the page path, started at their ends, notes the wall-clock instant it first sees a record naming a watched
 * tracking id. Record timestamps cannot say this: Kafka Streams gives outputs their input's timestamp, and with
 * exactly-once a record is readable only once its transaction commits. Same machine, same clock as the sender.
 */
final class HopWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Topic> hops;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Instant>> seen = new ConcurrentHashMap<>();
    private final Pattern ids;
    private final Thread poller;
    private volatile boolean running = true;

    HopWatch(String bootstrap, List<Topic> hops) {
        this(bootstrap, hops, null);
    }

    /**
     * @param ids what a watched tracking id looks like (lower case), so that a record is searched once rather than once
     *     per watched id: under load thousands are watched at a time
     */
    HopWatch(String bootstrap, List<Topic> hops, Pattern ids) {
        this.hops = hops;
        this.ids = ids;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        // Answer as soon as a record is there: the watch must not add its own wait to the hop it times.
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        1,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = hops.stream()
                .flatMap(t -> java.util.stream.IntStream.range(0, t.partitions())
                        .mapToObj(p -> new TopicPartition(t.name(), p)))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.poller = new Thread(this::poll, "hop-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts watching for records that name {@code trackingId} (case does not matter). */
    void watch(String trackingId) {
        watched.add(trackingId.toLowerCase(Locale.ROOT));
    }

    /** When {@code topic} first showed a record naming {@code trackingId}, or null. */
    Instant seen(String trackingId, Topic topic) {
        Map<String, Instant> byTopic = seen.get(trackingId.toLowerCase(Locale.ROOT));
        return byTopic == null ? null : byTopic.get(topic.name());
    }

    List<Topic> hops() {
        return hops;
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                Instant at = Instant.now();
                String text = ((r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + " "
                                + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)))
                        .toLowerCase(Locale.ROOT);
                if (ids != null) {
                    Matcher m = ids.matcher(text);
                    while (m.find()) {
                        if (watched.contains(m.group())) {
                            seen(m.group(), r.topic(), at);
                        }
                    }
                    continue;
                }
                for (String id : watched) {
                    if (text.contains(id)) {
                        seen(id, r.topic(), at);
                    }
                }
            }
        }
    }

    private void seen(String id, String topic, Instant at) {
        seen.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).putIfAbsent(topic, at);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        consumer.close();
    }
}
