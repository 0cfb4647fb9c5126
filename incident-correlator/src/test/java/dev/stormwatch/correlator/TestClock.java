package dev.stormwatch.correlator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** In @QuarkusTest, the service's clock is this one, which the test moves (it replaces the default bean). */
@ApplicationScoped
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
