package dev.stormwatch.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls for an outcome with a deadline instead of sleeping a fixed time: for effects that travel through Kafka. */
public final class Eventually {

    /** Between two looks at something in the same JVM. */
    private static final Duration IN_PROCESS = Duration.ofMillis(25);
    /** Between two looks at another process (over HTTP or the broker), which a tighter loop would only load. */
    private static final Duration ACROSS_PROCESSES = Duration.ofMillis(200);

    private Eventually() {}

    /**
     * Returns the first non-null, non-false value of {@code probe} within {@code within}, or fails with {@code what}.
     */
    public static <T> T get(Duration within, String what, Supplier<T> probe) {
        return poll(
                within,
                IN_PROCESS,
                what,
                () -> {
                    T value = probe.get();
                    return value == null || Boolean.FALSE.equals(value) ? Optional.empty() : Optional.of(value);
                },
                () -> "");
    }

    public static void until(Duration within, String what, Supplier<Boolean> condition) {
        get(within, what, condition);
    }

    /** Runs {@code assertion} until it passes, for at most {@code within}. */
    public static void assertThat(Duration within, Runnable assertion) {
        get(within, "assertion", () -> {
            assertion.run();
            return true;
        });
    }

    /**
     * The first non-empty result of {@code probe} within {@code timeout}, looking every 200 ms (for processes of their
     * own); fails with {@code what} and {@code context}, which says what was seen instead.
     */
    public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> context) {
        return poll(timeout, ACROSS_PROCESSES, what, probe, context);
    }

    private static <T> T poll(
            Duration within, Duration every, String what, Supplier<Optional<T>> probe, Supplier<String> context) {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what + context.get(), last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
