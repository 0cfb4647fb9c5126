package dev.stormwatch.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * One escalation level. Its targets (YAML {@code notify}) are {@code contact:<id>}, {@code role:<name>} or
 * {@code roster:<id>}; {@code after} is how long this level has to acknowledge before the next is paged.
 */
public record EscalationLevel(
        String after, @JsonProperty("notify") List<String> targets) {

    public EscalationLevel {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public Duration afterDuration() {
        return DurationText.parse(after);
    }
}
