package dev.stormwatch.status;

import dev.stormwatch.testsupport.MutableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the service clock with {@link MutableClock} in every @QuarkusTest. */
public class TestClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
