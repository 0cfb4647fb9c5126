package dev.stormwatch.notifier;

import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.escalation.DeliveryListener;
import dev.stormwatch.notifier.message.RenderedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Delivery attempts as metrics on {@code /q/metrics}: {@code stormwatch_notifier_deliveries_total{channel,result}} (one
 * per message), {@code stormwatch_notifier_pages_total{level,channel,result}} (one per page item in the message: a
 * folded message counts each page it carries, at its escalation level; 0 for updates and handovers) and the time each
 * attempt took, {@code stormwatch_notifier_delivery_seconds{channel}}. Results: {@code delivered},
 * {@code failed-retryable}, {@code failed}.
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
        registry.counter("stormwatch.notifier.deliveries", "channel", channel, "result", outcome)
                .increment();
        for (RenderedMessage.RenderedItem item : message.message().items()) {
            registry.counter(
                            "stormwatch.notifier.pages",
                            "level",
                            Integer.toString(item.level()),
                            "channel",
                            channel,
                            "result",
                            outcome)
                    .increment();
        }
        Timer.builder("stormwatch.notifier.delivery")
                .tag("channel", channel)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
