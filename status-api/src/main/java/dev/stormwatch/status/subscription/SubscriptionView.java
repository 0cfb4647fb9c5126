package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Subscriptions, their delivery status and dead letters, from {@code subscriptions.v1}: the only place they live, so
 * that a restarted status-api has them all back. Tells the delivery workers of every subscription that appears or goes.
 */
@Singleton
public class SubscriptionView implements TopicView {

    static final String DELIVERY = "/delivery";
    static final String DEAD_LETTER = "/dead-letter/";

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, DeliveryStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DeadLetter>> deadLetters = new ConcurrentHashMap<>();
    private final Consumer<SubscriptionChanged> changed;

    @Inject
    public SubscriptionView(Event<SubscriptionChanged> changed) {
        this((Consumer<SubscriptionChanged>) changed::fire);
    }

    /** A view outside CDI (a rebuild check), telling {@code changed} of subscriptions that appear or go. */
    public SubscriptionView(Consumer<SubscriptionChanged> changed) {
        this.changed = changed;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SUBSCRIPTIONS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        int deadAt = key.indexOf(DEAD_LETTER);
        if (deadAt > 0) {
            String id = key.substring(0, deadAt);
            String eventId = key.substring(deadAt + DEAD_LETTER.length());
            if (record.isTombstone()) {
                deadLetters.getOrDefault(id, Map.of()).remove(eventId);
            } else if (EventTypes.SUBSCRIPTION_DEAD_LETTER.equals(record.event().type())) {
                deadLetters
                        .computeIfAbsent(id, x -> new ConcurrentHashMap<>())
                        .put(eventId, JsonCodec.data(record.event(), DeadLetter.class));
            }
        } else if (key.endsWith(DELIVERY)) {
            String id = key.substring(0, key.length() - DELIVERY.length());
            if (record.isTombstone()) {
                statuses.remove(id);
            } else if (EventTypes.SUBSCRIPTION_DELIVERY.equals(record.event().type())) {
                status(JsonCodec.data(record.event(), DeliveryStatus.class));
            }
        } else if (record.isTombstone()) {
            if (subscriptions.remove(key) != null) {
                changed.accept(new SubscriptionChanged(key, null));
            }
        } else if (EventTypes.SUBSCRIPTION.equals(record.event().type())) {
            Subscription s = JsonCodec.data(record.event(), Subscription.class);
            if (subscriptions.put(s.id(), s) == null) {
                changed.accept(new SubscriptionChanged(s.id(), s));
            }
        }
    }

    /**
     * The owner of what a {@code subscriptions.v1} key is about (a subscription, its delivery status, one of its dead
     * letters); empty when that subscription is not (or no longer) known.
     */
    public Optional<String> ownerOf(String recordKey) {
        if (recordKey == null) {
            return Optional.empty();
        }
        int deadAt = recordKey.indexOf(DEAD_LETTER);
        String id = deadAt > 0
                ? recordKey.substring(0, deadAt)
                : recordKey.endsWith(DELIVERY)
                        ? recordKey.substring(0, recordKey.length() - DELIVERY.length())
                        : recordKey;
        return subscription(id).map(Subscription::owner);
    }

    public Optional<Subscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    public Collection<Subscription> all() {
        return subscriptions.values();
    }

    public DeliveryStatus status(String id) {
        return statuses.getOrDefault(id, DeliveryStatus.empty(id));
    }

    /** Records a status written by this instance before the replay reads it back. */
    void status(DeliveryStatus status) {
        // Counts only grow: a status read back from Kafka after a newer one was recorded here does not win.
        statuses.merge(status.subscriptionId(), status, (old, now) -> now.progress() >= old.progress() ? now : old);
    }

    public List<DeadLetter> deadLetters(String id) {
        return deadLetters.getOrDefault(id, Map.of()).values().stream()
                .sorted(Comparator.comparing(
                        DeadLetter::deadLetteredAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** Records a dead letter written by this instance, visible at once in the API. */
    void deadLetter(DeadLetter letter) {
        deadLetters
                .computeIfAbsent(letter.subscriptionId(), x -> new ConcurrentHashMap<>())
                .put(letter.eventId(), letter);
    }
}
