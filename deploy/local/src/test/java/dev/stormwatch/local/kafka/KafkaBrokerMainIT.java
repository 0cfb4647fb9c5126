package dev.stormwatch.local.kafka;

import static dev.stormwatch.local.kafka.BrokerProbe.assertTopicsMatchContract;
import static dev.stormwatch.local.kafka.BrokerProbe.consumeAll;
import static dev.stormwatch.local.kafka.BrokerProbe.freePort;
import static dev.stormwatch.local.kafka.BrokerProbe.portIsFree;
import static dev.stormwatch.local.kafka.BrokerProbe.produce;
import static dev.stormwatch.local.kafka.BrokerProbe.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The broker as the local run starts it: a separate JVM from target/classes and target/classpath.txt. */
class KafkaBrokerMainIT {

    @Test
    void runsAsAProcessUntilSigterm() throws Exception {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path dataDir = Files.createTempDirectory(moduleDir.resolve("target"), "kafka-broker-process-");
        int port = freePort();
        List<String> output = new CopyOnWriteArrayList<>();

        long began = System.nanoTime();
        KafkaBrokerProcess broker =
                KafkaBrokerProcess.start(moduleDir, dataDir, port, Duration.ofSeconds(60), output::add);
        System.out.println(
                "Kafka broker process ready after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
        Process process = broker.process();
        try {
            assertEquals("localhost:" + port, broker.bootstrapServers());
            assertTrue(output.contains("Kafka broker ready at localhost:" + port), String.join("\n", output));
            assertTopicsMatchContract(broker.bootstrapServers());

            List<String> sent = List.of("page-1 acked", "page-2 acked");
            produce(broker.bootstrapServers(), Topics.ACKS.name(), "page-1", sent);
            assertEquals(sent, values(consumeAll(broker.bootstrapServers(), Topics.ACKS.name())));
        } finally {
            broker.close();
        }

        assertFalse(process.isAlive(), "process ended after SIGTERM");
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (the broker's clean stop) and ended on the signal.
        assertEquals(143, process.exitValue(), String.join("\n", output));
        assertTrue(portIsFree(port), "port " + port + " released");
        assertTrue(output.stream().noneMatch(line -> line.contains("ERROR")), String.join("\n", output));
    }
}
