package dev.stormwatch.contracts.page;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Outcome of one delivery attempt on one channel. */
public enum DeliveryResult {
    DELIVERED,
    FAILED,
    SKIPPED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static DeliveryResult of(String text) {
        return Wire.parse(DeliveryResult.class, text);
    }
}
