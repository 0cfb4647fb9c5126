package dev.stormwatch.status.stream;

import dev.stormwatch.status.subscription.SubscriptionReader;

/**
 * One change in the live stream: its SSE id ({@code <epoch>-<seq>}) and JSON payload. A change about a subscription
 * ({@code ofSubscription}) goes only to the readers the REST API shows that subscription to: its {@code owner} (null
 * once the subscription is gone) and admins.
 */
record Change(long seq, String id, String json, boolean ofSubscription, String owner) {

    boolean visibleTo(SubscriptionReader reader) {
        return !ofSubscription || reader.sees(owner);
    }
}
