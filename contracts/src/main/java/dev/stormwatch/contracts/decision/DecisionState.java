package dev.stormwatch.contracts.decision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Where a decision stands. Approved/declined/expired/cancelled are final. */
public enum DecisionState {
    OPEN,
    APPROVED,
    DECLINED,
    EXPIRED,
    CANCELLED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DecisionState of(String text) {
        return Wire.parse(DecisionState.class, text);
    }
}
