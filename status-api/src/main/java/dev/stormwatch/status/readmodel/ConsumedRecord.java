package dev.stormwatch.status.readmodel;

import dev.stormwatch.contracts.CloudEvent;

/**
 * One record as the read model consumed it: where it came from and its CloudEvent ({@code null} for a tombstone on a
 * compacted topic).
 */
public record ConsumedRecord(String topic, int partition, long offset, String key, CloudEvent event, long timestamp) {

    public boolean isTombstone() {
        return event == null;
    }

    /** When the record was written to its topic (its Kafka timestamp), or null when it has none. */
    public java.time.Instant writtenAt() {
        return timestamp < 0 ? null : java.time.Instant.ofEpochMilli(timestamp);
    }

    /** topic/partition/offset: a record's place in Kafka, stable across restarts. */
    public String coordinates() {
        return topic + "/" + partition + "/" + offset;
    }
}
