package dev.stormwatch.status.subscription;

/** A subscription appeared ({@code subscription} set) or was deleted ({@code null}) on subscriptions.v1. */
public record SubscriptionChanged(String id, Subscription subscription) {}
