package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.event.Envelope;

/** One record the correlator writes: the topic it goes to, its Kafka key and the CloudEvent. */
public record Outbound(Topic topic, String key, Envelope<?> event) {}
