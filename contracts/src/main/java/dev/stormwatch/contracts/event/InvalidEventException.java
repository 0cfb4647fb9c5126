package dev.stormwatch.contracts.event;

/**
 * A record that is not a readable CloudEvent, or whose data is not the record its type promises. The message is the
 * whole reason, fit for a dead-letter record: what is wrong, and for the data the event id, type and field.
 */
public final class InvalidEventException extends IllegalArgumentException {

    private final boolean envelopeRead;

    InvalidEventException(String message, boolean envelopeRead, Throwable cause) {
        super(message, cause);
        this.envelopeRead = envelopeRead;
    }

    /** True when the envelope was a CloudEvent and only its data did not fit its type. */
    public boolean envelopeRead() {
        return envelopeRead;
    }
}
