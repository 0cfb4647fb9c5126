package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;

/** A record the escalation processor writes: the CloudEvent and the topic it goes to. */
record Output(String topic, CloudEvent event) {}
