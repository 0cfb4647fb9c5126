package dev.stormwatch.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock: stands still until a test sets or advances it, and every thread that reads it sees the same
 * instant.
 */
public final class MutableClock extends Clock {

    /** Where test runs start unless they say otherwise: 10:00 UTC, the impact start of the example outage. */
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    /**
     * The one clock of the application under a Quarkus test: each module's test clock producer returns it, and the
     * tests move it.
     */
    public static final MutableClock INSTANCE = new MutableClock();

    private volatile Instant now;

    /** A clock of its own at {@link #START}, for a test without the application, which must not move the shared one. */
    public MutableClock() {
        this(START);
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant at) {
        this.now = at;
    }

    public void advance(Duration by) {
        this.now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
