package dev.stormwatch.notifier.page;

import java.time.Instant;

/**
 * One thing to tell one contact: a page at a level, an update, a resolution, a reminder or a handover. Several items
 * waiting for the same contact are folded into one message.
 *
 * @param id        deterministic, so that the same item derived twice is recognised
 * @param pageId    the page the item belongs to (the key of its notifications), acknowledgeable when {@code ackable}
 * @param why       why this person: the on-call path (rotation, leave, backup)
 */
public record MessageItem(
        String id,
        MessageKind kind,
        String platformId,
        String subjectId,
        String pageId,
        int level,
        boolean ackable,
        boolean drill,
        String contactId,
        String why,
        Instant at,
        Brief brief) {
}
