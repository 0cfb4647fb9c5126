package dev.stormwatch.contracts.decision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** The DR decision points (README, "DR decisions"). */
public enum DecisionKind {
    INVOKE_DR,
    RECOVERY_STEP,
    BUSINESS_SIGNOFF,
    FALLBACK,
    PIR_REVIEW;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DecisionKind of(String text) {
        return Wire.parse(DecisionKind.class, text);
    }
}
