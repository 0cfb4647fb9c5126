package dev.stormwatch.contracts.health;

import java.time.Instant;

/**
 * A dead-letter record on {@code health-events.dlq.v1}: input that could not be turned into a health event, with the
 * reason a person can act on and the raw payload (truncated beyond {@code rawSize} only for very large bodies).
 */
public record RejectedInput(
        String source,
        String endpoint,
        String reason,
        String contentType,
        int rawSize,
        boolean rawTruncated,
        String raw,
        Instant receivedAt) {}
