package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.notifier.NotifierConfig;
import dev.stormwatch.notifier.channel.SecretSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Starts the automated-step runner with the notifier and stops it with it. */
@ApplicationScoped
public class StepActions {

    private final NotifierConfig config;
    private final Config settings;
    private final DestinationPolicy destinations;
    private final Clock clock;
    private final Map<String, Object> kafka;
    private final Vertx vertx;
    private StepActionRunner runner;
    private OutboundHttp http;

    public StepActions(
            NotifierConfig config,
            Config settings,
            DestinationPolicy destinations,
            Clock clock,
            Vertx vertx,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.vertx = vertx;
        this.config = config;
        this.settings = settings;
        this.destinations = destinations;
        this.clock = clock;
        this.kafka = KafkaConnection.of(kafkaConfig);
    }

    void start(@Observes StartupEvent e) {
        NotifierConfig.Actions a = config.actions();
        if (!a.enabled()) {
            return;
        }
        SecretSource secrets = SecretSource.of(settings);
        // The paging webhooks' sender: the destination policy checked and the checked address connected.
        http = new OutboundHttp(vertx, destinations, a.timeout(), ActionHttp.BODY_LIMIT);
        ActionTargets targets =
                new ActionTargets(new ActionHttp(http), secrets, a.callbackSecret(), a.callbackUrl(), clock);
        runner = new StepActionRunner(
                kafka,
                new StepActionRunner.Settings(
                        a.tick(), a.pollEvery(), a.retryEvery(), "stormwatch-notifier-step-actions"),
                targets,
                clock);
        runner.start();
    }

    void stop(@Observes ShutdownEvent e) {
        if (runner != null) {
            runner.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
