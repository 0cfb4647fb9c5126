package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.health.HealthEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a normalizer made of one payload: the health events, and for every part that was valid but is not a health
 * signal Stormwatch ingests (an Administrative activity-log record, a Message center post), the reason, so that the
 * caller records it instead of dropping it silently. Events are per (tracking id, service): a multi-service event is
 * split here, so that every source yields the same shape.
 */
public record Normalized(List<HealthEvent> events, List<String> unsupported) {

    public Normalized {
        events = List.copyOf(PerService.split(events));
        unsupported = List.copyOf(unsupported);
    }

    public static Normalized of(List<HealthEvent> events) {
        return new Normalized(events, List.of());
    }

    public static Normalized unsupported(String reason) {
        return new Normalized(List.of(), List.of(reason));
    }

    public Normalized plus(Normalized other) {
        List<HealthEvent> e = new ArrayList<>(events);
        e.addAll(other.events);
        List<String> u = new ArrayList<>(unsupported);
        u.addAll(other.unsupported);
        return new Normalized(e, u);
    }
}
