package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.TopicFollower;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.kafka.KafkaSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.jboss.logging.Logger;

/**
 * Delivers one subscription's events, on its own thread with its own consumer, so that a slow or failing subscriber
 * delays no one else. The consumer group {@code status-api.subscription.<id>} holds the delivery position in Kafka
 * (several status-api instances share the partitions); an offset is committed only after its event was delivered,
 * dead-lettered (written to subscriptions.v1 first) or filtered out. Retries back off exponentially while the consumer
 * stays in its group. The consumer is a {@link TopicFollower} group member, not a Reactive Messaging channel: channels
 * are fixed by configuration, a subscription's group is made when the subscription is; the follower also keeps a
 * rebalance during the back-off from skipping or repeating an event.
 */
final class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Subscription subscription;
    private final String secret;
    private final KafkaSettings settings;
    private final EventPublisher publisher;
    private final SubscriptionView view;
    private final StatusApiConfig.Subscriptions config;
    private final Clock clock;
    private final WebhookDelivery delivery;
    private final URI url;
    private volatile boolean running = true;
    private volatile TopicFollower follower;
    private DeliveryStatus status;
    private Instant first;

    DeliveryWorker(
            Subscription subscription,
            String secret,
            KafkaSettings settings,
            EventPublisher publisher,
            SubscriptionView view,
            StatusApiConfig.Subscriptions config,
            Clock clock,
            OutboundHttp http) {
        this.subscription = subscription;
        this.secret = secret;
        this.settings = settings;
        this.publisher = publisher;
        this.view = view;
        this.config = config;
        this.clock = clock;
        this.delivery = new WebhookDelivery(http);
        this.url = URI.create(subscription.url());
    }

    static String groupId(String subscriptionId) {
        return "status-api.subscription." + subscriptionId;
    }

    void stop() {
        running = false;
        TopicFollower f = follower;
        if (f != null) {
            f.stop();
        }
    }

    /** Starts delivering on the follower's own thread. */
    void start() {
        status = view.status(subscription.id());
        Set<String> topics = new TreeSet<>();
        subscription.eventTypes().forEach(t -> topics.add(SubscriptionFilter.TOPICS.get(t)));
        String clientId = "status-api-subscription-" + subscription.id();
        // A partition the group has no position for starts where the topic ended when the subscription was created.
        follower = TopicFollower.inGroup(
                clientId,
                settings.groupConsumer(clientId, groupId(subscription.id())),
                groupId(subscription.id()),
                topics,
                tp -> subscription.startOffsets().getOrDefault(tp.topic() + "/" + tp.partition(), 0L),
                this::attempt);
        if (running) {
            follower.start();
        }
    }

    /**
     * One delivery attempt of {@code r}: null when delivered, dead-lettered or not for this subscriber, else the wait
     * before the next.
     */
    private Duration attempt(ConsumerRecord<String, byte[]> r, int attempt) {
        CloudEvent event = event(r);
        if (event == null) {
            return null;
        }
        if (attempt == 1) {
            first = clock.instant();
        }
        WebhookDelivery.Result result;
        try {
            result = delivery.post(url, subscription.id(), event.id(), attempt, r.value(), secret);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        if (result.delivered()) {
            record(status.afterDelivery(event.id(), clock.instant()));
            return null;
        }
        record(status.afterFailure(result.error(), clock.instant()));
        if (attempt < config.maxAttempts()) {
            return backoff(config.initialBackoff(), config.maxBackoff(), attempt);
        }
        Instant now = clock.instant();
        DeadLetter letter = new DeadLetter(
                subscription.id(),
                event.id(),
                event.type(),
                r.topic() + "/" + r.partition() + "/" + r.offset(),
                config.maxAttempts(),
                result.error(),
                first,
                now,
                event);
        publisher.publish(
                Topics.SUBSCRIPTIONS,
                subscription.id() + SubscriptionView.DEAD_LETTER + event.id(),
                JsonCodec.envelope(
                        "dead-letter:" + subscription.id() + ":" + event.id(),
                        EventTypes.SUBSCRIPTION_DEAD_LETTER,
                        AuditWriter.SOURCE,
                        subscription.id(),
                        now,
                        event.isDrill(),
                        letter));
        view.deadLetter(letter);
        LOG.warnf(
                "subscription %s: event %s dead-lettered after %d attempts: %s",
                subscription.id(), event.id(), config.maxAttempts(), result.error());
        record(status.afterDeadLetter(result.error(), now));
        return null;
    }

    /** The event this subscriber gets from {@code r}, or null (tombstone, unreadable, filtered out). */
    private CloudEvent event(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        CloudEvent event;
        try {
            event = JsonCodec.fromJson(r.value(), CloudEvent.class);
        } catch (RuntimeException e) {
            // The read model logs and counts unreadable records once; a subscriber cannot be given one either.
            return null;
        }
        return SubscriptionFilter.matches(subscription, event) ? event : null;
    }

    /** initial × 2^(attempt−1), at most {@code max}: the wait after the {@code attempt}-th failure. */
    static Duration backoff(Duration initial, Duration max, int attempt) {
        Duration wait = initial;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void record(DeliveryStatus next) {
        status = next;
        view.status(next);
        try {
            publisher.publish(
                    Topics.SUBSCRIPTIONS,
                    subscription.id() + SubscriptionView.DELIVERY,
                    JsonCodec.envelope(
                            "delivery:" + subscription.id() + ":" + next.progress(),
                            EventTypes.SUBSCRIPTION_DELIVERY,
                            AuditWriter.SOURCE,
                            subscription.id(),
                            clock.instant(),
                            false,
                            next));
        } catch (RuntimeException e) {
            // The status is informative; the delivery position and dead letters are what must not be lost.
            LOG.warnf("cannot record the delivery status of subscription %s: %s", subscription.id(), e.getMessage());
        }
    }
}
