package dev.stormwatch.status.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a subscription's deliveries go, kept on {@code subscriptions.v1} under {@code <id>/delivery}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Delivery status of a subscription")
public record DeliveryStatus(
        String subscriptionId,
        @Schema(description = "Events delivered") long delivered,

        @Schema(description = "Events dead-lettered after the last attempt failed")
        long deadLettered,

        @Schema(description = "Failed attempts so far, retried or not")
        long failedAttempts,

        @Schema(description = "CloudEvent id of the last event delivered")
        String lastDeliveredEventId,

        Instant lastDeliveredAt,

        @Schema(description = "The last failed attempt's error, e.g. HTTP 500 or connection refused")
        String lastError,

        Instant lastErrorAt) {

    static DeliveryStatus empty(String subscriptionId) {
        return new DeliveryStatus(subscriptionId, 0, 0, 0, null, null, null, null);
    }

    DeliveryStatus afterDelivery(String eventId, Instant at) {
        return new DeliveryStatus(
                subscriptionId, delivered + 1, deadLettered, failedAttempts, eventId, at, lastError, lastErrorAt);
    }

    DeliveryStatus afterFailure(String error, Instant at) {
        return new DeliveryStatus(
                subscriptionId,
                delivered,
                deadLettered,
                failedAttempts + 1,
                lastDeliveredEventId,
                lastDeliveredAt,
                error,
                at);
    }

    DeliveryStatus afterDeadLetter(String error, Instant at) {
        return new DeliveryStatus(
                subscriptionId,
                delivered,
                deadLettered + 1,
                failedAttempts,
                lastDeliveredEventId,
                lastDeliveredAt,
                error,
                at);
    }

    /** Grows with every outcome: orders two statuses of one subscription. */
    long progress() {
        return delivered + deadLettered + failedAttempts;
    }
}
