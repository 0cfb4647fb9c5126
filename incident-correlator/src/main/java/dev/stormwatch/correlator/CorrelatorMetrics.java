package dev.stormwatch.correlator;

import dev.stormwatch.correlator.routing.PlatformRouter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The correlator's own meters next to Kafka Streams' (which Quarkus binds): provider events that hit no platform of
 * any catalog are dead-lettered after the grace period, and counted here so that a misconfigured catalog shows.
 */
@ApplicationScoped
public class CorrelatorMetrics {

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        FunctionCounter.builder("stormwatch.correlator.events.unmatched", PlatformRouter.class, c -> PlatformRouter.unmatched())
                .description("Health events that hit no platform's catalog within the grace period (dead-lettered)")
                .register(registry);
    }
}
