package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Delivers one subscription's events, on its own thread with its own consumer, so that a slow or failing subscriber
 * delays no one else. The consumer group {@code status-api.subscription.<id>} holds the delivery position in Kafka
 * (several status-api instances share the partitions); an offset is committed only after its event was delivered,
 * dead-lettered (written to subscriptions.v1 first) or filtered out. Retries back off exponentially while the
 * consumer stays in its group (partitions paused, poll keeps going).
 */
final class DeliveryWorker implements Runnable {

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
    private volatile KafkaConsumer<String, byte[]> consumer;
    private DeliveryStatus status;

    DeliveryWorker(Subscription subscription, String secret, KafkaSettings settings, EventPublisher publisher,
            SubscriptionView view, StatusApiConfig.Subscriptions config, Clock clock) {
        this.subscription = subscription;
        this.secret = secret;
        this.settings = settings;
        this.publisher = publisher;
        this.view = view;
        this.config = config;
        this.clock = clock;
        this.delivery = new WebhookDelivery(config.timeout());
        this.url = URI.create(subscription.url());
    }

    static String groupId(String subscriptionId) {
        return "status-api.subscription." + subscriptionId;
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        status = view.status(subscription.id());
        Set<String> topics = new TreeSet<>();
        subscription.eventTypes().forEach(t -> topics.add(SubscriptionFilter.TOPICS.get(t)));
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                    settings.groupConsumer("status-api-subscription-" + subscription.id(), groupId(subscription.id())))) {
                consumer = c;
                c.subscribe(topics, new StartAtCreation(c));
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    for (TopicPartition tp : records.partitions()) {
                        for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                            if (!running || !c.assignment().contains(tp)) {
                                break;
                            }
                            handle(c, r);
                            c.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                        }
                    }
                }
            } catch (WakeupException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Uncommitted events are delivered again after the restart; receivers de-duplicate on the CloudEvent id.
                LOG.warnf("delivery worker of subscription %s failed, restarting in 2 s: %s", subscription.id(), e.toString());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void handle(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> r) throws InterruptedException {
        if (r.value() == null) {
            return;
        }
        CloudEvent event;
        try {
            event = JsonCodec.fromJson(r.value(), CloudEvent.class);
        } catch (RuntimeException e) {
            // The read model logs and counts unreadable records once; a subscriber cannot be given one either.
            return;
        }
        if (!SubscriptionFilter.matches(subscription, event)) {
            return;
        }
        byte[] body = r.value();
        Instant first = clock.instant();
        String lastError = null;
        for (int attempt = 1; attempt <= config.maxAttempts() && running; attempt++) {
            WebhookDelivery.Result result = delivery.post(url, subscription.id(), event.id(), attempt, body, secret);
            if (result.delivered()) {
                record(status.afterDelivery(event.id(), clock.instant()));
                return;
            }
            lastError = result.error();
            record(status.afterFailure(lastError, clock.instant()));
            if (attempt < config.maxAttempts()) {
                waitPolling(c, backoff(config.initialBackoff(), config.maxBackoff(), attempt));
            }
        }
        if (!running) {
            throw new WakeupException();
        }
        Instant now = clock.instant();
        DeadLetter letter = new DeadLetter(subscription.id(), event.id(), event.type(), r.topic() + "/" + r.partition() + "/" + r.offset(),
                config.maxAttempts(), lastError, first, now, event);
        publisher.publish(Topics.SUBSCRIPTIONS, subscription.id() + SubscriptionView.DEAD_LETTER + event.id(),
                JsonCodec.envelope("dead-letter:" + subscription.id() + ":" + event.id(), EventTypes.SUBSCRIPTION_DEAD_LETTER,
                        AuditWriter.SOURCE, subscription.id(), now, event.isDrill(), letter));
        view.deadLetter(letter);
        LOG.warnf("subscription %s: event %s dead-lettered after %d attempts: %s", subscription.id(), event.id(),
                config.maxAttempts(), lastError);
        record(status.afterDeadLetter(lastError, now));
    }

    /** initial × 2^(attempt−1), at most {@code max}: the wait after the {@code attempt}-th failure. */
    static Duration backoff(Duration initial, Duration max, int attempt) {
        Duration wait = initial;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Waits while keeping the consumer in its group: paused partitions, polls that return nothing. */
    private void waitPolling(KafkaConsumer<String, byte[]> c, Duration wait) {
        Set<TopicPartition> paused = Set.copyOf(c.assignment());
        c.pause(paused);
        long until = System.nanoTime() + wait.toNanos();
        try {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                c.poll(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
            }
        } finally {
            c.resume(c.assignment().stream().filter(paused::contains).toList());
        }
    }

    private void record(DeliveryStatus next) {
        status = next;
        view.status(next);
        try {
            publisher.publish(Topics.SUBSCRIPTIONS, subscription.id() + SubscriptionView.DELIVERY,
                    JsonCodec.envelope("delivery:" + subscription.id() + ":" + next.progress(), EventTypes.SUBSCRIPTION_DELIVERY, AuditWriter.SOURCE, subscription.id(),
                            clock.instant(), false, next));
        } catch (RuntimeException e) {
            // The status is informative; the delivery position and dead letters are what must not be lost.
            LOG.warnf("cannot record the delivery status of subscription %s: %s", subscription.id(), e.getMessage());
        }
    }

    /** A partition the group has no position for starts where the topic ended when the subscription was created. */
    private final class StartAtCreation implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        StartAtCreation(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(partitions));
            for (TopicPartition tp : partitions) {
                if (committed.get(tp) == null) {
                    c.seek(tp, subscription.startOffsets().getOrDefault(tp.topic() + "/" + tp.partition(), 0L));
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed after every event; nothing is pending here.
        }
    }
}
