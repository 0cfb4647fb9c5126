package dev.stormwatch.contracts.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Where a drill stands. Completed and abandoned are final; only a completed drill feeds the feasibility check. */
public enum DrillState {
    /** invoke-dr (drill) raised, waiting for the DR lead. */
    INVOKING,
    /** DR invoked: recovery steps being run. */
    RECOVERING,
    /** every step done: business sign-off, handovers and fallback being rehearsed. */
    SIGNING_OFF,
    COMPLETED,
    ABANDONED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DrillState of(String text) {
        return Wire.parse(DrillState.class, text);
    }
}
