package dev.stormwatch.notifier.delivery;

import dev.stormwatch.notifier.page.MessageItem;
import java.time.Instant;
import java.util.List;

/**
 * The message being delivered to a contact: its items, which of the contact's channels it is on, which attempt on that
 * channel, and when that attempt is due.
 *
 * @param deliveryId deterministic from the contact and the items; sent as a header so a receiver can drop a repeat
 * @param inFlight an attempt was started and its result is not recorded yet; found so after a restart, its outcome is
 *     unknown and it is sent again with the same delivery id
 */
public record Sending(
        String deliveryId,
        List<MessageItem> items,
        int channelIndex,
        int attempt,
        Instant dueAt,
        boolean inFlight,
        Instant startedAt) {

    public Sending {
        items = List.copyOf(items);
    }

    public Sending inFlightSince(Instant now) {
        return new Sending(deliveryId, items, channelIndex, attempt, dueAt, true, now);
    }

    Sending retryAt(Instant at) {
        return new Sending(deliveryId, items, channelIndex, attempt + 1, at, false, null);
    }

    Sending nextChannel(Instant at) {
        return new Sending(deliveryId, items, channelIndex + 1, 1, at, false, null);
    }
}
