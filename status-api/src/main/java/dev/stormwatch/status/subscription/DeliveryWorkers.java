package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.kafka.KafkaSettings;
import dev.stormwatch.status.readmodel.ReadModelCaughtUp;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs one {@link DeliveryWorker} per subscription. Workers start once the read model has caught up (so that every
 * subscription and its delivery status are known), and then as subscriptions appear; they stop when one is deleted.
 */
@Singleton
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    private final SubscriptionView view;
    private final SecretBox secrets;
    private final KafkaSettings settings;
    private final EventPublisher publisher;
    private final StatusApiConfig.Subscriptions config;
    private final Clock clock;
    private final OutboundHttp http;
    private final Map<String, DeliveryWorker> workers = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    public DeliveryWorkers(
            SubscriptionView view,
            SecretBox secrets,
            KafkaSettings settings,
            EventPublisher publisher,
            StatusApiConfig config,
            Clock clock,
            OutboundHttp http) {
        this.view = view;
        this.secrets = secrets;
        this.settings = settings;
        this.publisher = publisher;
        this.config = config.subscriptions();
        this.clock = clock;
        this.http = http;
    }

    void caughtUp(@Observes ReadModelCaughtUp event) {
        caughtUp = true;
        view.all().forEach(this::start);
    }

    void changed(@Observes SubscriptionChanged event) {
        if (event.subscription() == null) {
            DeliveryWorker worker = workers.remove(event.id());
            if (worker != null) {
                worker.stop();
            }
        } else if (caughtUp) {
            start(event.subscription());
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        workers.values().forEach(DeliveryWorker::stop);
        workers.clear();
    }

    /** How many workers run (one per subscription). */
    public int running() {
        return workers.size();
    }

    private void start(Subscription s) {
        workers.computeIfAbsent(s.id(), id -> {
            String secret;
            try {
                secret = secrets.open(id, s.encryptedSecret());
            } catch (IllegalArgumentException e) {
                LOG.errorf("subscription %s is not delivered: %s", id, e.getMessage());
                return null;
            }
            DeliveryWorker worker = new DeliveryWorker(s, secret, settings, publisher, view, config, clock, http);
            worker.start();
            return worker;
        });
    }
}
