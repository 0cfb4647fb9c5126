package dev.stormwatch.e2e.bench;

import dev.stormwatch.contracts.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the correlator (Kafka Streams application {@code stormwatch-incident-correlator}) has got, read from the
 * broker as an operator would: its committed offsets on health-events.v1 and on its two repartition topics (routing,
 * then per platform) against their end offsets. With exactly-once the offsets commit together with the outputs, so an
 * event counted as consumed here has its incident and status records written.
 */
final class CorrelatorProgress implements AutoCloseable {

    static final String GROUP = "stormwatch-incident-correlator";

    /** Committed and end offsets, summed per stage. */
    record Snapshot(long nanos, long inputCommitted, long inputEnd, long middleLag, long lastStageCommitted) {
        long inputLag() {
            return inputEnd - inputCommitted;
        }
    }

    private final Admin admin;

    CorrelatorProgress(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    Snapshot now() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        for (int p = 0; p < Topics.HEALTH_EVENTS.partitions(); p++) {
            wanted.put(new TopicPartition(Topics.HEALTH_EVENTS.name(), p), OffsetSpec.latest());
        }
        committed.keySet().stream()
                .filter(tp -> tp.topic().endsWith("-repartition"))
                .forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> end = admin.listOffsets(wanted).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long inCommitted = 0;
        long inEnd = 0;
        long middleLag = 0;
        long lastStage = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long at = c == null ? 0 : c.offset();
            if (e.getKey().topic().equals(Topics.HEALTH_EVENTS.name())) {
                inCommitted += at;
                inEnd += e.getValue();
            } else {
                middleLag += e.getValue() - at;
                if (e.getKey().topic().endsWith("-platform-repartition")) {
                    lastStage += at;
                }
            }
        }
        return new Snapshot(System.nanoTime(), inCommitted, inEnd, middleLag, lastStage);
    }

    /**
     * Events through the whole correlator per second between two snapshots: what its last stage (the per-platform
     * correlation, after routing) consumed and committed with its outputs. Each event that hits one platform is one
     * record there; the offsets also count the transaction markers (at most one per partition and commit).
     */
    static double rate(Snapshot a, Snapshot b) {
        return (b.lastStageCommitted() - a.lastStageCommitted()) / ((b.nanos() - a.nanos()) / 1e9);
    }

    /** Records on health-events.dlq.v1 (end offset, markers included). */
    long deadLettered() throws Exception {
        TopicPartition dlq = new TopicPartition(Topics.HEALTH_EVENTS_DLQ.name(), 0);
        return admin.listOffsets(Map.of(dlq, OffsetSpec.latest()))
                .all()
                .get()
                .get(dlq)
                .offset();
    }

    @Override
    public void close() {
        admin.close();
    }
}
