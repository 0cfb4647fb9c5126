package dev.stormwatch.notifier.page;

import java.time.Instant;

/**
 * One thing to tell one contact: a page at a level, an update, a resolution, a reminder or a handover. Several items
 * waiting for the same contact are folded into one message.
 *
 * @param id deterministic, so that the same item derived twice is recognised
 * @param pageId the page the item belongs to (the key of its notifications), acknowledgeable when {@code ackable}
 * @param why why this person: the on-call path (rotation, leave, backup)
 * @param heldUntil not delivered before this instant (planned maintenance outside the contact's working hours); null
 *     for at once
 * @param held why it is held, in words, for {@code notifications.v1} and {@code audit.v1}
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
        Brief brief,
        Instant heldUntil,
        String held) {

    public MessageItem(
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
        this(id, kind, platformId, subjectId, pageId, level, ackable, drill, contactId, why, at, brief, null, null);
    }

    public MessageItem heldUntil(Instant until, String reason) {
        return new MessageItem(
                id,
                kind,
                platformId,
                subjectId,
                pageId,
                level,
                ackable,
                drill,
                contactId,
                why,
                at,
                brief,
                until,
                reason);
    }

    /** True while the item must wait. */
    public boolean heldAt(Instant now) {
        return heldUntil != null && now.isBefore(heldUntil);
    }
}
