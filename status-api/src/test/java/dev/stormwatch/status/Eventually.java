package dev.stormwatch.status;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: for effects that travel through Kafka. */
public final class Eventually {

    private Eventually() {}

    /**
     * Returns the first non-null, non-false value of {@code probe} within {@code within}, or fails with {@code what}.
     */
    public static <T> T get(Duration within, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what, last);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
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
}
