package dev.stormwatch.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on one delivery attempt: a channel that never answers still gives the stream thread an answer. */
class AttemptTimeoutTest {

    @Test
    void anAttemptThatNeverAnswersFailsAsATimeoutWhenItsLimitHasPassed() throws Exception {
        long start = System.nanoTime();
        CompletionStage<ChannelResult> silent =
                AttemptTimeout.of("test", Duration.ofMillis(300)).get(CompletableFuture::new);
        ChannelResult result = silent.exceptionally(t -> AttemptTimeout.isTimeout(t)
                        ? ChannelResult.retry("timed out")
                        : ChannelResult.refused(t.toString()))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ChannelResult.retry("timed out"), result);
        assertTrue(
                elapsedMillis >= 290 && elapsedMillis < 3000,
                "answered after the limit, not long after: " + elapsedMillis + " ms");
    }

    @Test
    void anAttemptThatAnswersInTimeKeepsItsAnswer() throws Exception {
        ChannelResult result = AttemptTimeout.of("test", Duration.ofSeconds(5))
                .get(() -> CompletableFuture.completedFuture(ChannelResult.delivered("HTTP 202")))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals(ChannelResult.delivered("HTTP 202"), result);
    }

    @Test
    void onlyTimeoutsCountAsTimeouts() {
        assertTrue(AttemptTimeout.isTimeout(new java.util.concurrent.CompletionException(
                new org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException("limit"))));
        assertTrue(AttemptTimeout.isTimeout(new java.net.http.HttpTimeoutException("request timed out")));
        assertFalse(AttemptTimeout.isTimeout(new java.net.ConnectException("refused")));
    }
}
