package dev.stormwatch.status.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as the API shows it: everything but the secret, with how its deliveries go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A downstream webhook subscription (the secret is never shown)")
public record SubscriptionInfo(
        String id,
        String owner,
        String url,
        List<String> platforms,
        List<String> components,
        Set<String> eventTypes,
        boolean drills,
        String createdBy,
        Instant createdAt,

        @Schema(description = "Always true: a secret is set; it is stored encrypted and never returned")
        boolean secretSet,

        DeliveryStatus delivery,

        @Schema(description = "How many events are in the dead letter list")
        int deadLetters) {

    static SubscriptionInfo of(Subscription s, DeliveryStatus status, int deadLetters) {
        return new SubscriptionInfo(
                s.id(),
                s.owner(),
                s.url(),
                s.platforms(),
                s.components(),
                s.eventTypes(),
                s.drills(),
                s.createdBy(),
                s.createdAt(),
                s.encryptedSecret() != null,
                status,
                deadLetters);
    }
}
