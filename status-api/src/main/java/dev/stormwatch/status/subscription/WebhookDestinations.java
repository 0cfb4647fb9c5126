package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.status.StatusApiConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/**
 * The destination policy subscription webhooks are held to (the notifier's rules, from
 * {@code stormwatch.status-api.subscriptions.destinations}) and the one sender that calls them, on the application's
 * Vert.x instance.
 */
@Singleton
public class WebhookDestinations {

    @Produces
    @Singleton
    DestinationPolicy policy(StatusApiConfig config) {
        StatusApiConfig.Destinations d = config.subscriptions().destinations();
        return new DestinationPolicy(
                d.allow().orElse(List.of()),
                d.internal().orElse(List.of()),
                d.allowPublic(),
                InetAddress::getAllByName);
    }

    @Produces
    @Singleton
    OutboundHttp sender(Vertx vertx, DestinationPolicy policy, StatusApiConfig config) {
        return new OutboundHttp(vertx, policy, config.subscriptions().timeout());
    }

    void close(@Disposes OutboundHttp sender) {
        sender.close();
    }
}
