package dev.stormwatch.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The tests' clock: stands still until a test sets or advances it. */
public final class MutableClock extends Clock {

    /** Where every test run starts: 10:00 UTC, the SPEC's example impact start. */
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    public static final MutableClock INSTANCE = new MutableClock();

    private volatile Instant now = START;

    /** A clock of its own, for a test without the application, which must not move the shared one. */
    public MutableClock() {}

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration d) {
        now = now.plus(d);
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
