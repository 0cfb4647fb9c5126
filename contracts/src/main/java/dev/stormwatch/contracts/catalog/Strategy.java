package dev.stormwatch.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stormwatch.contracts.Wire;

/**
 * The platform's DR strategy (docs/dr-process.md): what failing over means and so what {@code invoke-dr} recommends.
 */
public enum Strategy {
    /** Procure and deploy everything in the secondary region on disaster. */
    REDEPLOY,
    /** Components already procured in the secondary region; run the runbook. */
    WARM_SPARE,
    /** Secondary runs in tandem; switch traffic. */
    HOT_SPARE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Strategy of(String text) {
        return Wire.parse(Strategy.class, text);
    }

    /** The recommendation when an outage hits the primary region. */
    public String recommendation() {
        return switch (this) {
            case HOT_SPARE ->
                "Hot spare: switch traffic to the secondary region now; the secondary already runs in tandem.";
            case WARM_SPARE ->
                "Warm spare: start the recovery runbook in the secondary region; components are already procured.";
            case REDEPLOY ->
                "Redeploy: procure and deploy the platform in the secondary region now; other customers will "
                        + "compete for capacity there (regional contention risk).";
        };
    }
}
