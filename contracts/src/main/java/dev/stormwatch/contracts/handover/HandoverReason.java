package dev.stormwatch.contracts.handover;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Why a component is handed over to downstream teams. */
public enum HandoverReason {
    FAILED_OVER,
    PROVIDER_RESOLVED,
    FALLBACK_COMPLETE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static HandoverReason of(String text) {
        return Wire.parse(HandoverReason.class, text);
    }
}
