package dev.stormwatch.status.readmodel;

import java.util.Set;

/**
 * One read model fed from Kafka: it names the topics it needs and applies each record of them, in partition order.
 * Called from the replay thread only; implementations publish their state for HTTP threads safely.
 */
public interface TopicView {

    /** Names of the topics this view reads from the beginning. */
    Set<String> topics();

    /** Applies one record; must ignore a record it has already applied (same CloudEvent id, older version). */
    void apply(ConsumedRecord record);
}
