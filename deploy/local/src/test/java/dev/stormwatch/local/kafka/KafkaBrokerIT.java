package dev.stormwatch.local.kafka;

import static dev.stormwatch.local.kafka.BrokerProbe.assertTopicsMatchContract;
import static dev.stormwatch.local.kafka.BrokerProbe.consumeAll;
import static dev.stormwatch.local.kafka.BrokerProbe.portIsFree;
import static dev.stormwatch.local.kafka.BrokerProbe.produce;
import static dev.stormwatch.local.kafka.BrokerProbe.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    @Test
    void createsEveryContractTopicAndKeepsRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-broker-test-");
        List<String> sent = List.of("first", "second", "third");
        int firstPort;
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            firstPort = broker.port();
            System.out.println("Kafka broker start: " + broker.startupTime().toMillis() + " ms");
            assertEquals("localhost:" + broker.port(), broker.bootstrapServers());

            TopicSetup.Result result = TopicSetup.apply(broker.bootstrapServers());
            assertEquals(
                    Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet()), Set.copyOf(result.created()));
            assertEquals(List.of(), result.altered());
            assertTopicsMatchContract(broker.bootstrapServers());

            produce(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name(), "tracking-1", sent);
            List<ConsumerRecord<String, String>> read =
                    consumeAll(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name());
            assertEquals(sent, values(read));
            assertTrue(read.stream().allMatch(r -> r.key().equals("tracking-1")));
            assertEquals(
                    List.of(0L, 1L, 2L),
                    read.stream().map(ConsumerRecord::offset).toList());
        }
        assertTrue(portIsFree(firstPort), "port " + firstPort + " released after close");

        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            System.out.println("Kafka broker restart on the same data: "
                    + broker.startupTime().toMillis() + " ms");
            TopicSetup.Result again = TopicSetup.apply(broker.bootstrapServers());
            assertEquals(List.of(), again.created());
            assertEquals(List.of(), again.altered());
            List<ConsumerRecord<String, String>> read =
                    consumeAll(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name());
            assertEquals(sent, values(read));
            assertEquals(
                    List.of(0L, 1L, 2L),
                    read.stream().map(ConsumerRecord::offset).toList());
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-broker-test-");
        KafkaBroker broker = KafkaBroker.start(dir);
        broker.close();
        broker.close();
        assertTrue(portIsFree(broker.port()));
    }

    @Test
    void refusesAPortInUseWithAClearMessage() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-broker-test-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> KafkaBroker.start(dir, taken.getLocalPort()));
            assertEquals(
                    "port " + taken.getLocalPort() + " on localhost is in use (another Kafka broker?): stop it or"
                            + " choose another port",
                    e.getMessage());
        }
    }
}
