package dev.stormwatch.contracts.health;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Where the provider's communication stands. {@code rca} is also read as "pir-published". */
public enum HealthStage {
    ACTIVE,
    RESOLVED,
    RCA,
    PLANNED,
    COMPLETE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static HealthStage of(String text) {
        if (text != null && text.trim().equalsIgnoreCase("pir-published")) {
            return RCA;
        }
        return Wire.parse(HealthStage.class, text);
    }

    /** True while the provider still reports impact. */
    public boolean isImpacting() {
        return this == ACTIVE;
    }
}
