package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.KafkaAccess;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.ack.AckLinks;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.message.MessageRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topics Kafka Streams waits for before it starts ({@code quarkus.kafka-streams.topics}) are the contract topics
 * the notifier reads and writes, except the automated steps' ledger and the automation readiness it publishes, which
 * plain clients outside Kafka Streams use: a topic missing there starts the application before it exists, one too many
 * keeps it waiting for a topic it never uses.
 */
class KafkaStreamsTopicsTest {

    @Test
    void theTopicsKafkaStreamsWaitsForAreTheContractTopicsTheEscalationReadsAndWrites() {
        Set<String> waitedFor = waitedFor();
        Set<String> contracts = new TreeSet<>();
        Topics.ALL.stream().map(Topic::name).forEach(contracts::add);
        assertEquals(
                Set.of(),
                minus(waitedFor, contracts),
                "quarkus.kafka-streams.topics names topics that are not in contracts' Topics");
        assertEquals(
                minus(
                        KafkaAccess.NOTIFIER.topicNames(),
                        Set.of(Topics.STEP_ACTIONS.name(), Topics.AUTOMATION_READINESS.name())),
                waitedFor);
    }

    @Test
    void theTopologyReadsWhatKafkaStreamsWaitsForAndTheRestIsWhatTheNotifierWrites() {
        TopologyDescription description = new NotifierTopology(
                        TestConfigs.settings(),
                        new MessageRenderer(),
                        new AckLinks(
                                new AckTokens("topics-test-ack-secret"), "http://notifier.test", Duration.ofHours(1)),
                        Map.of(),
                        new DestinationPolicy(List.of(), true),
                        EscalationHarness.SECRETS,
                        new Random(1),
                        DeliveryListener.NONE,
                        RecordedAcks.NONE)
                .build()
                .describe();
        Set<String> read = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    read.addAll(source.topicSet());
                }
            }
        }
        description.globalStores().forEach(g -> read.addAll(g.source().topicSet()));
        read.removeIf(name -> name.endsWith("-repartition"));
        Set<String> waitedFor = waitedFor();
        assertEquals(Set.of(), minus(read, waitedFor), "read by the topology but not waited for");
        assertEquals(
                Set.of(),
                minus(minus(waitedFor, read), KafkaAccess.NOTIFIER.writeNames()),
                "waited for but neither read nor written");
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
