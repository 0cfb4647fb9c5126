package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.Topic;

/** One record the correlator writes: the topic it goes to, its Kafka key and the CloudEvent. */
public record Outbound(Topic topic, String key, CloudEvent event) {}
