package dev.stormwatch.notifier.delivery;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.notifier.page.MessageItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is waiting for one contact of one platform (the value of the {@code outboxes} store, key
 * {@code platform/contact}): at most one message being delivered, and the items queued behind it.
 *
 * <p>The per-contact rate limit: urgent items (a new page) go out at once; the others wait until {@code minGap} after
 * the last message and then go out together, so a burst of updates becomes one message.
 */
public record Outbox(
        String platformId, String contactId, List<MessageItem> queued, Sending sending, Instant lastSentAt) {

    public Outbox {
        queued = queued == null ? List.of() : List.copyOf(queued);
    }

    public static String key(String platformId, String contactId) {
        return platformId + "/" + contactId;
    }

    public static Outbox empty(String platformId, String contactId) {
        return new Outbox(platformId, contactId, List.of(), null, null);
    }

    public boolean isIdle() {
        return queued.isEmpty() && sending == null;
    }

    /** Queues an item unless this very item is queued or being sent already. */
    public Outbox enqueue(MessageItem item, Instant now) {
        boolean known = queued.stream().anyMatch(q -> q.id().equals(item.id()))
                || (sending != null && sending.items().stream().anyMatch(q -> q.id().equals(item.id())));
        if (known) {
            return this;
        }
        if (item.kind().urgent()
                && item.heldUntil() == null
                && sending != null
                && !sending.inFlight()
                && sending.items().stream().allMatch(i -> i.drill() == item.drill())) {
            // A page must not wait behind a retry's back-off: fold it into the waiting message and send now.
            List<MessageItem> items = new ArrayList<>(sending.items());
            items.add(item);
            Sending merged = new Sending(
                    deliveryId(contactId, items), items, sending.channelIndex(), sending.attempt(), now, false, null);
            return new Outbox(platformId, contactId, queued, merged, lastSentAt);
        }
        List<MessageItem> q = new ArrayList<>(queued);
        q.add(item);
        return new Outbox(platformId, contactId, q, sending, lastSentAt);
    }

    /**
     * When this outbox next needs the dispatcher, or null when it waits for nothing (or for a result). Items held for
     * the contact's working hours are due when their hold ends; the others as the rate limit says.
     */
    public Instant dueAt(Duration minGap) {
        if (sending != null) {
            return sending.inFlight() ? null : sending.dueAt();
        }
        List<MessageItem> free =
                queued.stream().filter(i -> i.heldUntil() == null).toList();
        Instant held = queued.stream()
                .map(MessageItem::heldUntil)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        Instant due = free.isEmpty() ? null : dueOf(free, minGap);
        return due == null || (held != null && held.isBefore(due)) ? held : due;
    }

    private Instant dueOf(List<MessageItem> items, Duration minGap) {
        if (lastSentAt == null || items.stream().anyMatch(i -> i.kind().urgent())) {
            return items.get(0).at();
        }
        Instant open = lastSentAt.plus(minGap);
        Instant first = items.get(0).at();
        return open.isAfter(first) ? open : first;
    }

    /** Starts a message with everything queued that is not held, when the rate limit allows. */
    public Outbox startIfDue(Instant now, Duration minGap) {
        if (sending != null || queued.isEmpty()) {
            return this;
        }
        Instant due = dueAt(minGap);
        if (due == null || now.isBefore(due)) {
            return this;
        }
        List<MessageItem> free = queued.stream().filter(i -> !i.heldAt(now)).toList();
        if (free.isEmpty()) {
            return this;
        }
        // Drill and real items never share a message: a real page must not read like a drill, nor the reverse.
        boolean drill = free.get(0).drill();
        List<MessageItem> ready = free.stream().filter(i -> i.drill() == drill).toList();
        List<MessageItem> rest = queued.stream().filter(i -> !ready.contains(i)).toList();
        Sending s = new Sending(deliveryId(contactId, ready), ready, 0, 1, now, false, null);
        return new Outbox(platformId, contactId, rest, s, lastSentAt);
    }

    public Outbox with(Sending s) {
        return new Outbox(platformId, contactId, queued, s, lastSentAt);
    }

    public Outbox delivered(Instant at) {
        return new Outbox(platformId, contactId, queued, null, at);
    }

    public Outbox givenUp() {
        return new Outbox(platformId, contactId, queued, null, lastSentAt);
    }

    static String deliveryId(String contactId, List<MessageItem> items) {
        StringBuilder content = new StringBuilder(contactId);
        for (MessageItem i : items) {
            content.append('\0').append(i.id());
        }
        return "d-" + ContentHash.hex(12, content.toString());
    }
}
