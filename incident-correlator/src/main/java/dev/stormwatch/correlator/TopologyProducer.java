package dev.stormwatch.correlator;

import dev.stormwatch.correlator.config.CorrelatorConfig;
import dev.stormwatch.correlator.metrics.OpenWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.apache.kafka.streams.Topology;

/** Hands the correlator's topology to Quarkus's Kafka Streams extension, which runs it. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(CorrelatorConfig config, Clock clock, OpenWork openWork) {
        return new CorrelatorTopology(config, clock, openWork).build();
    }
}
