package dev.stormwatch.ingest.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code stormwatch_ingest_events_total{source,outcome}} on /q/metrics: per intake source ({@code azure-monitor},
 * {@code canonical}, {@code event-hubs}, {@code resource-health}, {@code resource-graph}, {@code status-feed},
 * {@code m365}), how many health events were {@code accepted} (published), {@code duplicate} (same update seen before),
 * {@code stale} (older than the newest update of their key); how many payloads were {@code rejected} (4xx, to the DLQ),
 * {@code unsupported} (valid but not a health signal, to the DLQ) or {@code unauthenticated}.
 */
public final class IngestMetrics {

    public static final String NAME = "stormwatch.ingest.events";

    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        STALE,
        REJECTED,
        UNSUPPORTED,
        UNAUTHENTICATED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String source, Outcome outcome, int n) {
        if (n <= 0) {
            return;
        }
        Counter.builder(NAME)
                .description("Health events and payloads handled by health-ingest, by intake source and outcome")
                .tag("source", source)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment(n);
    }

    public double value(String source, Outcome outcome) {
        Counter c = registry.find(NAME)
                .tag("source", source)
                .tag("outcome", outcome.tag())
                .counter();
        return c == null ? 0 : c.count();
    }
}
