package dev.stormwatch.contracts.page;

import java.time.Instant;

/**
 * One delivery attempt of one page to one contact on one channel, on {@code notifications.v1} (key: page id).
 * {@code target} is redacted (no webhook secret, no full address) so that it can be shown and logged.
 */
public record Notification(
        String pageId,
        String platformId,
        String subjectId,
        String kind,
        int level,
        String contactId,
        String channel,
        String target,
        int attempt,
        DeliveryResult result,
        String error,
        Instant at,
        boolean drill) {}
