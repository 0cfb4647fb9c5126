package dev.stormwatch.contracts.catalog;

import java.util.List;

/** Escalation levels with delays; after the last level the whole policy repeats {@code repeat} more times. */
public record EscalationPolicy(String id, Integer repeat, List<EscalationLevel> levels) {

    public EscalationPolicy {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public int repeatOrZero() {
        return repeat == null ? 0 : repeat;
    }
}
