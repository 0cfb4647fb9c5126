package dev.stormwatch.correlator.intake;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.health.RejectedInput;

/** What the decoder made of one input record: a Envelope<?> to correlate, or a reason to dead-letter it. */
public record Intake(Envelope<?> event, RejectedInput rejected) {

    public static Intake accepted(Envelope<?> event) {
        return new Intake(event, null);
    }

    public static Intake rejected(RejectedInput rejected) {
        return new Intake(null, rejected);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}
