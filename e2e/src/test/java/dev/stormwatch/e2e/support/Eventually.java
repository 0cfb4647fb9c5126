package dev.stormwatch.e2e.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls for an outcome with a deadline instead of sleeping a fixed time. */
public final class Eventually {

    private Eventually() {}

    /**
     * The first non-empty result of {@code probe} within {@code timeout}; fails with {@code what} and {@code context}.
     */
    public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> result = probe.get();
                if (result.isPresent()) {
                    return result.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        AssertionError failure = new AssertionError("within " + timeout.toSeconds() + " s: no " + what + context.get());
        if (last != null) {
            failure.addSuppressed(last);
        }
        throw failure;
    }
}
