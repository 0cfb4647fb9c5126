package dev.stormwatch.notifier.escalation;

import dev.stormwatch.notifier.delivery.Backoff;
import java.time.Duration;

/**
 * The escalation topology's settings, as a plain record so that the topology can be built without Quarkus (tests,
 * benchmark); {@code NotifierProducers.settings} fills it from {@code NotifierConfig}, whose defaults are the only
 * ones.
 *
 * @param tick how often timers are checked (escalations, retries, folded messages) while a delivery is in flight or
 *     something falls due before the next quiet tick
 * @param quietTick how often a task with nothing in flight and nothing due sooner looks again
 * @param decisionPolicy the policy decisions use when the catalog has one by this name
 * @param closedRetention how long a closed page is kept to answer late acknowledgements
 * @param minGap per contact: the least time between two non-urgent messages; what arrives in between is folded into one
 *     message
 * @param maxAttemptsPerChannel attempts on one channel before the contact's next channel
 * @param backoff the wait between attempts on one channel
 * @param maxInFlight deliveries in flight per stream task; more wait for the next tick
 */
public record NotifierSettings(
        Duration tick,
        Duration quietTick,
        String decisionPolicy,
        Duration closedRetention,
        Duration minGap,
        int maxAttemptsPerChannel,
        Backoff backoff,
        int maxInFlight) {}
