package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.event.Envelope;

/** A record the escalation processor writes: the event and the topic it goes to. */
record Output(String topic, Envelope<?> event) {}
