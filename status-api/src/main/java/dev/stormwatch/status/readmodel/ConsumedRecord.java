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

    /** topic/partition/offset: a record's place in Kafka, stable across restarts. */
    public String coordinates() {
        return topic + "/" + partition + "/" + offset;
    }
}
