package dev.stormwatch.ingest.publish;

/**
 * Kafka did not acknowledge a record in time: the caller answers 503 so that the sender retries; nothing is half-done.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
