package dev.stormwatch.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a Streams application has consumed every committed record of its inputs, read from the broker: its group's
 * committed offsets, then a read_committed look from each of them to the end. The look skips transaction markers and
 * aborted records, which offset arithmetic alone cannot tell from an unconsumed record. With exactly-once the group
 * commits its offsets with its outputs, so once it has caught up, every output of every input written before the call
 * is readable: a test can assert that something was <em>not</em> written without sleeping on a guess.
 */
public final class CaughtUp implements AutoCloseable {

    private final String group;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> look;

    public CaughtUp(String bootstrapServers, String group) {
        this.group = group;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.look = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        1),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Waits until the group has consumed everything committed to its inputs, including what it wrote to its own
     * repartition topics on the way (checked again until one look finds nothing left).
     *
     * @throws AssertionError naming the first unconsumed partition when {@code within} passes first
     */
    public void await(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String behind = "no committed offsets";
        while (System.nanoTime() < deadline) {
            behind = firstBehind();
            if (behind == null) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new AssertionError(group + " did not catch up within " + within + ": " + behind);
    }

    /** The first input partition with a committed record the group has not consumed, or null when there is none. */
    private String firstBehind() {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (Exception e) {
            return "offsets not readable: " + e.getMessage();
        }
        if (committed.isEmpty()) {
            return "no committed offsets";
        }
        List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
        look.assign(partitions);
        committed.forEach((p, o) -> look.seek(p, o.offset()));
        Map<TopicPartition, Long> end = look.endOffsets(partitions);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            var records = look.poll(Duration.ofMillis(50));
            if (!records.isEmpty()) {
                var r = records.iterator().next();
                return r.topic() + "-" + r.partition() + " at " + r.offset() + " (group at "
                        + committed
                                .get(new TopicPartition(r.topic(), r.partition()))
                                .offset() + ")";
            }
            if (partitions.stream().allMatch(p -> look.position(p) >= end.get(p))) {
                return null;
            }
        }
        return "the look did not reach the end offsets " + end;
    }

    @Override
    public void close() {
        look.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
