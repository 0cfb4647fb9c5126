package dev.stormwatch.ingest.normalize;

/**
 * A payload that is not what its source promises: the message says what was expected and where (a JSON path), so that
 * the sender can act on the 400 it gets and an operator can act on the dead-letter record.
 */
public class PayloadException extends RuntimeException {

    public PayloadException(String message) {
        super(message);
    }

    public static PayloadException at(String path, String problem) {
        return new PayloadException((path == null || path.isEmpty() ? "" : path + ": ") + problem);
    }
}
