package dev.stormwatch.notifier;

import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.escalation.DeliveryListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * Delivery attempts as metrics on {@code /q/metrics}: {@code stormwatch_notifier_deliveries_total{channel,result}} and
 * the time each attempt took, {@code stormwatch_notifier_delivery_seconds{channel}}.
 */
@ApplicationScoped
public class DeliveryMetrics implements DeliveryListener {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(OutgoingMessage message, ChannelResult result, long nanos) {
        String channel = message.channel().type();
        String outcome = result.delivered() ? "delivered" : result.retryable() ? "failed-retryable" : "failed";
        registry.counter("stormwatch.notifier.deliveries", "channel", channel, "result", outcome).increment();
        Timer.builder("stormwatch.notifier.delivery").tag("channel", channel).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
