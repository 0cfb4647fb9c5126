package dev.stormwatch.contracts;

import java.time.Duration;

/**
 * One Kafka topic of the system with the settings every deployment (local launcher, Compose, Strimzi) creates it with.
 * {@code retention} is null for compacted topics, which keep the latest record per key forever.
 */
public record Topic(String name, int partitions, boolean compacted, Duration retention, String keyDescription) {

    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }

    /** retention.ms as Kafka wants it; -1 (keep forever) for compacted topics. */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    @Override
    public String toString() {
        return name;
    }
}
