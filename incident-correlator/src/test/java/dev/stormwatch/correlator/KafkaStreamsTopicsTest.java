package dev.stormwatch.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.KafkaAccess;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topics Kafka Streams waits for before it starts ({@code quarkus.kafka-streams.topics}) are the topics of the
 * contracts this service reads and writes: a topic missing there starts the application before it exists, one too many
 * keeps it waiting for a topic it never uses.
 */
class KafkaStreamsTopicsTest {

    @Test
    void theTopicsKafkaStreamsWaitsForAreTheContractTopicsTheCorrelatorReadsAndWrites() {
        Set<String> waitedFor = waitedFor();
        Set<String> contracts = new TreeSet<>();
        Topics.ALL.stream().map(Topic::name).forEach(contracts::add);
        assertEquals(
                Set.of(),
                minus(waitedFor, contracts),
                "quarkus.kafka-streams.topics names topics that are not in contracts' Topics");
        assertEquals(KafkaAccess.INCIDENT_CORRELATOR.topicNames(), waitedFor);
    }

    @Test
    void theTopologyReadsAndWritesExactlyTheTopicsKafkaStreamsWaitsFor() {
        TopologyDescription description = new CorrelatorTopology(TestConfigs.defaults(), Clock.systemUTC())
                .build()
                .describe();
        Set<String> used = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    used.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    used.add(sink.topic());
                }
            }
        }
        description.globalStores().forEach(g -> used.addAll(g.source().topicSet()));
        used.removeIf(name -> name.endsWith("-repartition"));
        assertEquals(waitedFor(), used);
    }

    /** {@code quarkus.kafka-streams.topics} as the packaged application.properties gives it. */
    static Set<String> waitedFor() {
        Properties properties = new Properties();
        try (InputStream in = KafkaStreamsTopicsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        Arrays.stream(properties.getProperty("quarkus.kafka-streams.topics").split(","))
                .map(String::trim)
                .forEach(names::add);
        return names;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
