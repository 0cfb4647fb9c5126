package dev.stormwatch.correlator;

import dev.stormwatch.testsupport.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * In @QuarkusTest, the service's clock is {@link MutableClock#INSTANCE}, which the tests move (it replaces the default
 * bean).
 */
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
