package dev.stormwatch.correlator.intake;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.health.RejectedInput;

/** What the decoder made of one input record: a CloudEvent to correlate, or a reason to dead-letter it. */
public record Intake(CloudEvent event, RejectedInput rejected) {

    public static Intake accepted(CloudEvent event) {
        return new Intake(event, null);
    }

    public static Intake rejected(RejectedInput rejected) {
        return new Intake(null, rejected);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}
