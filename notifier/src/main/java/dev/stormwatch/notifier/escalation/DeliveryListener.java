package dev.stormwatch.notifier.escalation;

import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;

/** Hears every delivery attempt as it completes, on the channel's thread: for metrics and the benchmark. */
@FunctionalInterface
public interface DeliveryListener {

    DeliveryListener NONE = (message, result, nanos) -> {};

    void attempted(OutgoingMessage message, ChannelResult result, long nanos);
}
