package dev.stormwatch.contracts.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Incident severity, sev1 the worst: from component priority, impact level and whether the primary region is hit. */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Severity of(String text) {
        return Wire.parse(Severity.class, text);
    }
}
