package dev.stormwatch.ingest.poll;

import java.time.Duration;

/** A provider API answered with an error after the pipeline's own retries; {@code retryAfter} when it said so. */
public class ApiException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public ApiException(int status, Duration retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, java.time.Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                java.time.Instant at = java.time.ZonedDateTime.parse(
                                header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
