package dev.stormwatch.status.subscription;

import dev.stormwatch.status.Actors;
import dev.stormwatch.status.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may see a subscription, its delivery status and its dead letters: an admin every one, anyone else only those it
 * owns; for them the others do not exist. The REST API and the live stream both ask this one rule.
 */
public record SubscriptionReader(String name, boolean admin) {

    public static SubscriptionReader of(SecurityIdentity identity) {
        return new SubscriptionReader(Actors.name(identity), identity != null && identity.hasRole(Roles.ADMIN));
    }

    public boolean sees(Subscription subscription) {
        return sees(subscription.owner());
    }

    /** {@code owner} null: a subscription no longer known (deleted), which only admins still hear of. */
    public boolean sees(String owner) {
        return admin || (owner != null && owner.equals(name));
    }
}
