package dev.stormwatch.ingest.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a poller may run again after failures: exponential from a base, capped, and never earlier than the provider's
 * {@code Retry-After}. Time comes from the injected clock so that tests move it.
 */
public final class PollBackoff {

    private final Duration base;
    private final Duration max;
    private final Clock clock;
    private int failures;
    private Instant notBefore = Instant.MIN;

    public PollBackoff(Duration base, Duration max, Clock clock) {
        this.base = base;
        this.max = max;
        this.clock = clock;
    }

    public synchronized boolean due() {
        return !clock.instant().isBefore(notBefore);
    }

    public synchronized Instant failed(Duration retryAfter) {
        failures++;
        Duration wait = base.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        notBefore = clock.instant().plus(wait);
        return notBefore;
    }

    public synchronized void succeeded() {
        failures = 0;
        notBefore = Instant.MIN;
    }

    public synchronized Instant notBefore() {
        return notBefore;
    }
}
