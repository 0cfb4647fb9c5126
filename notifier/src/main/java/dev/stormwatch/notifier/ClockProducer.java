package dev.stormwatch.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The notifier's one clock outside Kafka Streams (acknowledge links, acknowledgements). Inside the topology time is the
 * stream's wall clock, which tests move with the test driver.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
