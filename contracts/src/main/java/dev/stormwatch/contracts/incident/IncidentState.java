package dev.stormwatch.contracts.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** Incident lifecycle: open → mitigated → resolved → closed (closed once the PIR/RCA is reviewed). */
public enum IncidentState {
    OPEN,
    MITIGATED,
    RESOLVED,
    CLOSED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static IncidentState of(String text) {
        return Wire.parse(IncidentState.class, text);
    }
}
