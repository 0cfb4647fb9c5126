package dev.stormwatch.correlator;

import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.metrics.OpenWork;
import dev.stormwatch.correlator.routing.PlatformRouter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The correlator's own meters next to Kafka Streams' (which Quarkus binds):
 *
 * <ul>
 *   <li>{@code stormwatch.correlator.events.unmatched}: provider events that hit no platform of any catalog within the
 *       grace period (dead-lettered), so that a misconfigured catalog shows;
 *   <li>{@code stormwatch.correlator.incidents.open} {platform, severity, drill}: incidents open or mitigated (not yet
 *       resolved);
 *   <li>{@code stormwatch.correlator.decisions.open} {platform, kind, drill}: decisions waiting for a person;
 *   <li>{@code stormwatch.correlator.decision.deadline.seconds} {platform, kind, drill}: seconds from now (the service
 *       clock) to the earliest deadline among the open decisions of that kind; negative once past, NaN when none is
 *       open.
 * </ul>
 *
 * The gauges read {@link OpenWork}, which the platform tasks keep up to date; a platform's gauges appear when this
 * instance first processes it.
 */
@ApplicationScoped
public class CorrelatorMetrics {

    void register(@Observes StartupEvent started, MeterRegistry registry, OpenWork open, Clock clock) {
        FunctionCounter.builder(
                        "stormwatch.correlator.events.unmatched", PlatformRouter.class, c -> PlatformRouter.unmatched())
                .description("Health events that hit no platform's catalog within the grace period (dead-lettered)")
                .register(registry);
        open.onNewPlatform(platformId -> platformGauges(registry, open, clock, platformId));
    }

    private static void platformGauges(MeterRegistry registry, OpenWork open, Clock clock, String platformId) {
        for (boolean drill : new boolean[] {false, true}) {
            String drillTag = Boolean.toString(drill);
            for (Severity severity : Severity.values()) {
                Gauge.builder(
                                "stormwatch.correlator.incidents.open",
                                open,
                                o -> o.of(platformId, drill).incidents().getOrDefault(severity, 0L))
                        .description("Incidents open or mitigated (not yet resolved)")
                        .tags("platform", platformId, "severity", severity.wire(), "drill", drillTag)
                        .register(registry);
            }
            for (DecisionKind kind : DecisionKind.values()) {
                Gauge.builder(
                                "stormwatch.correlator.decisions.open",
                                open,
                                o -> o.of(platformId, drill).decisions().getOrDefault(kind, 0L))
                        .description("Decisions waiting for a person")
                        .tags("platform", platformId, "kind", kind.wire(), "drill", drillTag)
                        .register(registry);
                Gauge.builder("stormwatch.correlator.decision.deadline.seconds", open, o -> {
                            Instant deadline =
                                    o.of(platformId, drill).earliestDeadline().get(kind);
                            return deadline == null
                                    ? Double.NaN
                                    : Duration.between(clock.instant(), deadline)
                                                    .toMillis()
                                            / 1000.0;
                        })
                        .description(
                                "Seconds to the earliest deadline of the open decisions of this kind; negative once "
                                        + "past")
                        .tags("platform", platformId, "kind", kind.wire(), "drill", drillTag)
                        .register(registry);
            }
        }
    }
}
