package dev.stormwatch.contracts.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** A component's status; the worst applies (declared from best to worst, then the DR states). */
public enum ComponentState {
    OPERATIONAL,
    MAINTENANCE,
    IMPACTED_UPSTREAM,
    DEGRADED,
    OUTAGE,
    FAILED_OVER,
    RECOVERING;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ComponentState of(String text) {
        return Wire.parse(ComponentState.class, text);
    }
}
