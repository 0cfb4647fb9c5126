package dev.stormwatch.notifier.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter between attempts on one channel: {@code initial × 2^(attempt−1)}, capped at
 * {@code max}, then spread by ±{@code jitter} so that many pages failing together do not retry together.
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
