package dev.stormwatch.notifier;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.SecretSource;
import dev.stormwatch.notifier.channel.email.EmailChannel;
import dev.stormwatch.notifier.channel.slack.SlackChannel;
import dev.stormwatch.notifier.channel.teams.TeamsChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookChannel;
import dev.stormwatch.notifier.delivery.Backoff;
import dev.stormwatch.notifier.escalation.DeliveryListener;
import dev.stormwatch.notifier.escalation.NotifierSettings;
import dev.stormwatch.notifier.escalation.NotifierTopology;
import dev.stormwatch.notifier.escalation.PageLinks;
import dev.stormwatch.notifier.escalation.RecordedAcks;
import dev.stormwatch.notifier.message.MessageRenderer;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the notifier's parts from {@link NotifierConfig}; the topology itself is plain Java
 * ({@link NotifierTopology}).
 */
@ApplicationScoped
public class NotifierProducers {

    @Produces
    @ApplicationScoped
    DestinationPolicy destinationPolicy(NotifierConfig config) {
        return new DestinationPolicy(
                config.destinations().allow().orElse(List.of()),
                config.destinations().internal().orElse(List.of()),
                config.destinations().allowPublic(),
                InetAddress::getAllByName);
    }

    @Produces
    @ApplicationScoped
    HttpSender httpSender(Vertx vertx, NotifierConfig config, DestinationPolicy destinations) {
        return new HttpSender(vertx, config.delivery().timeout(), destinations);
    }

    void closeHttpSender(@Disposes HttpSender sender) {
        sender.close();
    }

    /** The settings catalogs may name for their channels; never the acknowledge-link key or the internal token. */
    @Produces
    @ApplicationScoped
    ChannelSecrets channelSecrets(NotifierConfig config, Config settings) {
        return new ChannelSecrets(
                config.channelSecretPrefix(),
                SecretSource.of(settings),
                List.of(config.ack().secret().orElse(""), config.internalToken().orElse("")));
    }

    @Produces
    @ApplicationScoped
    MessageRenderer messageRenderer() {
        return new MessageRenderer();
    }

    /** The escalation topology's settings as configured; their defaults are the mapping's. */
    public static NotifierSettings settings(NotifierConfig config) {
        NotifierConfig.Delivery d = config.delivery();
        NotifierConfig.Escalation e = config.escalation();
        return new NotifierSettings(
                e.tick(),
                e.quietTick(),
                e.decisionPolicy(),
                e.closedRetention(),
                d.minGap(),
                d.maxAttemptsPerChannel(),
                new Backoff(d.backoffInitial(), d.backoffMax(), d.backoffJitter()),
                d.maxInFlight());
    }

    /**
     * Dependent scope, no client proxy: Kafka Streams reads the topology's fields directly. The recorded
     * acknowledgements are the acknowledge service's ledger ({@code Acknowledgements}), read from the topic on every
     * instance.
     */
    @Produces
    Topology topology(
            NotifierConfig config,
            MessageRenderer renderer,
            PageLinks links,
            DestinationPolicy destinations,
            HttpSender http,
            ReactiveMailer mailer,
            Vertx vertx,
            DeliveryListener listener,
            ChannelSecrets secrets,
            RecordedAcks recordedAcks) {
        NotifierConfig.Delivery d = config.delivery();
        NotifierSettings settings = settings(config);
        Map<String, Channel> channels = Map.of(
                EmailChannel.TYPE, new EmailChannel(mailer, vertx, d.timeout()),
                TeamsChannel.TYPE, secrets.addressed(new TeamsChannel(http)),
                SlackChannel.TYPE, secrets.addressed(new SlackChannel(http)),
                WebhookChannel.TYPE, secrets.addressed(new WebhookChannel(http, secrets)));
        return new NotifierTopology(
                        settings,
                        renderer,
                        links,
                        channels,
                        destinations,
                        secrets,
                        new Random(),
                        listener,
                        recordedAcks)
                .build();
    }
}
