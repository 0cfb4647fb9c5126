package dev.stormwatch.notifier.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter between attempts on one channel: {@code initial × 2^(attempt−1)}, capped at
 * {@code max}, then spread by ±{@code jitter} so that many pages failing together do not retry together.
 *
 * <p>Why not a fault-tolerance {@code @Retry} with exponential back-off: that retry lives in the calling thread's
 * memory, so a restart forgets it and its attempts are invisible. Here the next attempt's time is stored with the
 * message in the escalation's Kafka Streams store (the {@link Outbox}'s {@link Sending}) and every attempt is recorded
 * on notifications.v1 and audit.v1; a notifier that restarts resumes the same message on the same channel and attempt.
 * Only the bound on a single attempt is a fault-tolerance guard ({@code channel.AttemptTimeout}).
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration after(int attempt, RandomGenerator random) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(base, max.toMillis());
        double spread = jitter <= 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.max(0, Math.round(capped * (1 + spread))));
    }
}
