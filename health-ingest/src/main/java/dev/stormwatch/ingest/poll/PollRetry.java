package dev.stormwatch.ingest.poll;

import dev.stormwatch.ingest.publish.PublishException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * How a poll is retried when the provider or Kafka fails it: SmallRye Fault Tolerance's retry, on throttling (429),
 * timeouts (408) and server errors (5xx) of the provider and on Kafka not acknowledging, with an exponential back-off
 * from {@code base} capped at {@code max} that never waits less than the provider's {@code Retry-After}. Other errors
 * (a 4xx, a body that is not what the API documents) are not retried: the next scheduled poll tries again.
 */
public final class PollRetry {

    private final Guard guard;

    public PollRetry(int maxRetries, Duration base, Duration max) {
        this.guard = Guard.create()
                .withDescription("poll")
                .withRetry()
                .maxRetries(maxRetries)
                .whenException(PollRetry::isTransient)
                // Bounded by the number of retries; a provider's long Retry-After must not cut them short.
                .maxDuration(1, ChronoUnit.DAYS)
                .withCustomBackoff()
                .strategy(() -> new RetryAfterBackoff(base, max))
                .done()
                .done()
                .build();
    }

    /** Runs {@code poll} under the retry; what it finally throws is the last failure. */
    public <T> T run(Supplier<T> poll, Class<T> type) {
        return guard.get(poll, type);
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof ApiException api) {
            int s = api.status();
            return s == 408 || s == 429 || s >= 500;
        }
        return e instanceof PublishException;
    }

    /** Exponential from {@code base}, capped at {@code max}; a longer {@code Retry-After} of the failure wins. */
    static final class RetryAfterBackoff implements CustomBackoffStrategy {

        private final Duration base;
        private final Duration max;
        private int failures;

        RetryAfterBackoff(Duration base, Duration max) {
            this.base = base;
            this.max = max;
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            Duration wait = base.multipliedBy(1L << Math.min(failures++, 20));
            if (wait.compareTo(max) > 0) {
                wait = max;
            }
            if (cause instanceof ApiException api
                    && api.retryAfter() != null
                    && api.retryAfter().compareTo(wait) > 0) {
                wait = api.retryAfter();
            }
            return wait.toMillis();
        }
    }
}
