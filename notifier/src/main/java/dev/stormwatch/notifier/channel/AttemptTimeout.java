package dev.stormwatch.notifier.channel;

import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;

/**
 * The bound on one delivery attempt of a channel, as a SmallRye Fault Tolerance guard: the attempt's stage fails with
 * {@link org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException} when {@code limit} passes without an
 * answer, so the stream thread always hears back.
 *
 * <p>Only the timeout lives here. Retries, their back-off and the move to the contact's next channel are not a guard's
 * retry: each attempt is recorded on notifications.v1 and audit.v1 and its state kept in the escalation's Kafka Streams
 * store, so that a restart resumes exactly where delivery stood (see {@code delivery.Backoff}).
 */
public final class AttemptTimeout {

    private AttemptTimeout() {}

    public static TypedGuard<CompletionStage<ChannelResult>> of(String channel, Duration limit) {
        return TypedGuard.create(new TypeLiteral<CompletionStage<ChannelResult>>() {})
                .withDescription(channel + " delivery attempt")
                .withTimeout()
                .duration(limit.toMillis(), ChronoUnit.MILLIS)
                .done()
                .build();
    }

    /** True when {@code failure} (or what it wraps) is this guard's timeout or another timeout. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
