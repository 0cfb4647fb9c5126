package dev.stormwatch.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Rebuilds the {@link SeenIndex} by reading {@code health-events.v1} from the beginning with a plain consumer (no
 * group, no commits: every start reads it all), marks it loaded once it reached the end offsets it found at start,
 * then keeps tailing so that updates other instances publish are known too.
 */
public final class SeenIndexLoader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SeenIndexLoader.class);

    private final SeenIndex index;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public SeenIndexLoader(String bootstrapServers, SeenIndex index) {
        this.index = index;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "health-ingest-seen-index");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "seen-index-loader");
        this.thread.setDaemon(true);
    }

    public SeenIndexLoader start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (running && !index.isLoaded()) {
                count += apply(consumer.poll(Duration.ofMillis(200)));
                if (reached(end)) {
                    index.markLoaded();
                    LOG.infof("seen-index rebuilt from %s: %d records, %d keys", Topics.HEALTH_EVENTS.name(), count, index.keys());
                }
            }
            while (running) {
                apply(consumer.poll(Duration.ofSeconds(1)));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("seen-index loader stopped: " + e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitions() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.HEALTH_EVENTS.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOG.warnf("%s not found yet; retrying", Topics.HEALTH_EVENTS.name());
            sleep();
        }
        return null;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private int apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            n++;
            if (r.value() == null || r.key() == null) {
                continue;
            }
            try {
                JsonNode event = JsonCodec.mapper().readTree(r.value());
                String id = event.path("id").asText(null);
                String lastUpdate = event.path("data").path("lastUpdate").asText(null);
                if (id != null) {
                    index.record(SeenIndex.fact(r.key(), event.path("data")), id, lastUpdate == null ? null : Instant.parse(lastUpdate));
                }
            } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
                LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        return n;
    }

    private void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
