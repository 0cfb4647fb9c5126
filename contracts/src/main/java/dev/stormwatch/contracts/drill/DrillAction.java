package dev.stormwatch.contracts.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** What a DR lead asks of a drill: start one for a platform, or abandon the one running. */
public enum DrillAction {
    START,
    ABANDON;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DrillAction of(String text) {
        return Wire.parse(DrillAction.class, text);
    }
}
