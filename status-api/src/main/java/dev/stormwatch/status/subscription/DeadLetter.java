package dev.stormwatch.status.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stormwatch.contracts.CloudEvent;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event a subscription could not deliver within its attempts, kept on {@code subscriptions.v1} under
 * {@code <id>/dead-letter/<event id>} with the event itself, so nothing is lost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An event that could not be delivered")
public record DeadLetter(
        String subscriptionId,
        String eventId,
        String eventType,

        @Schema(description = "Where the event is in Kafka: topic/partition/offset")
        String source,

        int attempts,
        @Schema(description = "The last attempt's error") String lastError,
        Instant firstAttemptAt,
        Instant deadLetteredAt,

        @Schema(description = "The CloudEvent that was to be delivered")
        CloudEvent event) {}
