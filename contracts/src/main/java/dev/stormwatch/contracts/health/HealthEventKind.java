package dev.stormwatch.contracts.health;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/** What kind of provider communication a health event is. */
public enum HealthEventKind {
    SERVICE_INCIDENT,
    PLANNED_MAINTENANCE,
    HEALTH_ADVISORY,
    SECURITY_ADVISORY,
    RESOURCE_AVAILABILITY;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static HealthEventKind of(String text) {
        return Wire.parse(HealthEventKind.class, text);
    }
}
