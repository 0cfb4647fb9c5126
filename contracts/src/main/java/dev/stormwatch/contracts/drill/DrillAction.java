package dev.stormwatch.contracts.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/**
 * What a DR lead asks of a drill or a DR run: start a drill for a platform, abandon the one running, or accept the
 * measurements of a completed one whose steps were flagged (too fast against their estimates, or without evidence), so
 * that they may become the basis of the feasibility check.
 */
public enum DrillAction {
    START,
    ABANDON,
    ACCEPT;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DrillAction of(String text) {
        return Wire.parse(DrillAction.class, text);
    }
}
