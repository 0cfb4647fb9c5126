package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.channel.Redaction;
import dev.stormwatch.notifier.delivery.Outbox;
import dev.stormwatch.notifier.delivery.Sending;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import dev.stormwatch.notifier.page.MessageItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The delivery stage: one outbox per contact (store {@code outboxes}, key {@code platform/contact}), its message handed
 * to the contact's channels in order, retried with back-off, then the next channel, then given up. Channels answer on
 * their own threads; the answers queue here and are applied on the stream thread at the next record or tick, so every
 * attempt is recorded in the transaction that updates the outbox.
 */
final class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final NotifierSettings settings;
    private final MessageRenderer renderer;
    private final PageLinks links;
    private final Map<String, Channel> channels;
    private final RandomGenerator random;
    private final DeliveryListener listener;
    private final KeyValueStore<String, Outbox> outboxes;
    private final CatalogBook catalogs;
    private final EvidenceTrail trail;

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Map<String, String> inFlight = new HashMap<>();
    private final DueIndex due = new DueIndex();

    /** A channel's answer to one attempt, carried from its thread back to the stream thread. */
    private record Answer(
            String outboxKey,
            String deliveryId,
            int channelIndex,
            int attempt,
            String channelType,
            String target,
            ChannelResult result) {}

    Deliveries(
            NotifierSettings settings,
            MessageRenderer renderer,
            PageLinks links,
            Map<String, Channel> channels,
            RandomGenerator random,
            DeliveryListener listener,
            KeyValueStore<String, Outbox> outboxes,
            CatalogBook catalogs,
            EvidenceTrail trail) {
        this.settings = settings;
        this.renderer = renderer;
        this.links = links;
        this.channels = channels;
        this.random = random;
        this.listener = listener;
        this.outboxes = outboxes;
        this.catalogs = catalogs;
        this.trail = trail;
    }

    /** Queues an item in its contact's outbox; a held item is recorded as held at once. */
    void enqueue(MessageItem item, Instant now) {
        String key = Outbox.key(item.platformId(), item.contactId());
        Outbox box = outboxes.get(key);
        Outbox before = box == null ? Outbox.empty(item.platformId(), item.contactId()) : box;
        Outbox after = before.enqueue(item, now);
        save(key, after);
        if (after != before && item.heldAt(now)) {
            trail.held(item, now);
        }
    }

    /**
     * Indexes the restored outboxes' due instants once a task starts, and finds deliveries that were in flight when the
     * previous owner stopped: their outcome is unknown, so they are sent again with the same delivery id.
     */
    void restore(Instant now) {
        List<KeyValue<String, Outbox>> boxes = new ArrayList<>();
        try (KeyValueIterator<String, Outbox> it = outboxes.all()) {
            it.forEachRemaining(boxes::add);
        }
        for (KeyValue<String, Outbox> kv : boxes) {
            Sending s = kv.value.sending();
            if (s != null && s.inFlight() && !inFlight.containsKey(kv.key)) {
                LOG.infof(
                        "delivery %s to %s was in flight when the notifier stopped: sending it again",
                        s.deliveryId(), kv.key);
                ChannelResult unknown = ChannelResult.retry("outcome unknown: the notifier stopped during this"
                        + " attempt; sending again with the same delivery id");
                trail.attempt(s, "unknown", null, unknown, s.startedAt() == null ? now : s.startedAt());
                save(
                        kv.key,
                        kv.value.with(new Sending(
                                s.deliveryId(), s.items(), s.channelIndex(), s.attempt() + 1, now, false, null)));
            } else {
                due.put(kv.key, kv.value.dueAt(settings.minGap()));
            }
        }
    }

    /** Starts every message that is due; a delivery that fails over to the next channel is due at once (bounded). */
    void dispatchDue(Instant now) {
        for (int round = 0; round < 5 && due.anyDue(now); round++) {
            for (String key : due.pollDue(now)) {
                Outbox box = outboxes.get(key);
                if (box != null) {
                    dispatch(key, box, now);
                }
            }
        }
    }

    private void dispatch(String key, Outbox box, Instant now) {
        Outbox started = box.startIfDue(now, settings.minGap());
        Sending s = started.sending();
        if (s == null || s.inFlight() || now.isBefore(s.dueAt())) {
            save(key, started);
            return;
        }
        if (inFlight.size() >= settings.maxInFlight()) {
            outboxes.put(key, started);
            due.put(key, now.plus(settings.tick())); // too many in flight: next tick
            return;
        }
        Catalog catalog = catalogs.catalog(box.platformId());
        Contact contact =
                catalog == null ? null : catalog.contact(box.contactId()).orElse(null);
        if (contact == null || s.channelIndex() >= contact.channels().size()) {
            String why = catalog == null
                    ? "no catalog for platform " + box.platformId()
                    : contact == null
                            ? "contact " + box.contactId() + " is no longer in the catalog"
                            : "no channel left to try";
            trail.attempt(s, "none", null, ChannelResult.refused(why), now);
            save(key, started.givenUp());
            trail.undeliverable(s, why, now);
            return;
        }
        ContactChannel ch = contact.channels().get(s.channelIndex());
        Channel channel = channels.get(ch.type());
        String target = Redaction.target(ch);
        if (channel == null) {
            save(key, started.with(s.inFlightSince(now)));
            inFlight.put(key, s.deliveryId());
            ChannelResult none = ChannelResult.refused("this notifier has no " + ch.type() + " channel configured");
            answers.add(new Answer(key, s.deliveryId(), s.channelIndex(), s.attempt(), ch.type(), target, none));
        } else {
            try (LogContext log = pageContext(s.items())) {
                send(key, box, started, s, contact, ch, channel, target, now);
            }
        }
        // A channel that answers at once (refusals, tests) is recorded in this same step.
        applyAnswers(now);
    }

    private void send(
            String key,
            Outbox box,
            Outbox started,
            Sending s,
            Contact contact,
            ContactChannel ch,
            Channel channel,
            String target,
            Instant now) {
        RenderedMessage message = renderer.render(s.items(), contact, now, item -> links.link(item, now));
        save(key, started.with(s.inFlightSince(now)));
        inFlight.put(key, s.deliveryId());
        OutgoingMessage outgoing =
                new OutgoingMessage(s.deliveryId(), box.platformId(), contact, ch, message, s.attempt(), now);
        long startNanos = System.nanoTime();
        CompletionStage<ChannelResult> result;
        try {
            result = channel.send(outgoing);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(ChannelResult.retry("channel failed: " + e));
        }
        result.whenComplete((r, t) -> {
            ChannelResult cr = r != null ? r : ChannelResult.retry("channel failed: " + t);
            listener.attempted(outgoing, cr, System.nanoTime() - startNanos);
            answers.add(new Answer(key, s.deliveryId(), s.channelIndex(), s.attempt(), ch.type(), target, cr));
        });
    }

    /**
     * When a tick next has something to do here: now while a channel's answer is awaited or waiting to be applied, else
     * the earliest outbox due.
     */
    Instant nextAttention() {
        return inFlight.isEmpty() && answers.isEmpty() ? due.next() : Instant.MIN;
    }

    /** Applies the channels' answers on the stream thread: records each attempt and decides what happens next. */
    void applyAnswers(Instant now) {
        Answer a;
        while ((a = answers.poll()) != null) {
            if (a.deliveryId().equals(inFlight.get(a.outboxKey()))) {
                inFlight.remove(a.outboxKey());
            }
            Outbox box = outboxes.get(a.outboxKey());
            Sending s = box == null ? null : box.sending();
            if (s == null
                    || !s.inFlight()
                    || !s.deliveryId().equals(a.deliveryId())
                    || s.attempt() != a.attempt()
                    || s.channelIndex() != a.channelIndex()) {
                continue; // an answer to an attempt this task no longer waits for
            }
            try (LogContext log = pageContext(s.items())) {
                trail.attempt(s, a.channelType(), a.target(), a.result(), s.startedAt());
                save(a.outboxKey(), next(box, s, a.result(), now));
            }
        }
    }

    private Outbox next(Outbox box, Sending s, ChannelResult result, Instant now) {
        if (result.delivered()) {
            return box.delivered(now);
        }
        if (result.retryable() && s.attempt() < settings.maxAttemptsPerChannel()) {
            return box.with(new Sending(
                    s.deliveryId(),
                    s.items(),
                    s.channelIndex(),
                    s.attempt() + 1,
                    now.plus(settings.backoff().after(s.attempt(), random)),
                    false,
                    null));
        }
        Catalog catalog = catalogs.catalog(box.platformId());
        int channelCount = catalog == null
                ? 0
                : catalog.contact(box.contactId()).map(x -> x.channels().size()).orElse(0);
        if (s.channelIndex() + 1 < channelCount) {
            return box.with(new Sending(s.deliveryId(), s.items(), s.channelIndex() + 1, 1, now, false, null));
        }
        trail.undeliverable(s, "every channel of " + box.contactId() + " failed; last: " + result.detail(), now);
        return box.givenUp();
    }

    private void save(String key, Outbox box) {
        outboxes.put(key, box);
        due.put(key, box.dueAt(settings.minGap()));
    }

    /** The page ids and subject of a message in the MDC, for whatever is logged while it is sent or recorded. */
    private static LogContext pageContext(List<MessageItem> items) {
        MessageItem first = items.get(0);
        String subjectKey = first.kind().name().startsWith("DECISION") ? "decisionId" : "incidentId";
        String pageIds = String.join(
                ",", items.stream().map(MessageItem::pageId).distinct().toList());
        return LogContext.of().with("pageId", pageIds).with(subjectKey, first.subjectId());
    }
}
