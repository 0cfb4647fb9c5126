package dev.stormwatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.local.kafka.BrokerProbe;
import dev.stormwatch.local.kafka.SharedBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerTestResourceIT {

    @Test
    void everyUserGetsTheSameBrokerWithTheContractTopics() throws Exception {
        KafkaBrokerTestResource first = new KafkaBrokerTestResource();
        KafkaBrokerTestResource second = new KafkaBrokerTestResource();
        int before = SharedBroker.users();

        long began = System.nanoTime();
        Map<String, String> config = first.start();
        System.out.println("KafkaBrokerTestResource.start(): " + (System.nanoTime() - began) / 1_000_000 + " ms"
                + (before == 0 ? " (broker started and topics created in this call)" : " (broker running already)"));
        Map<String, String> again = second.start();

        String bootstrap = config.get("kafka.bootstrap.servers");
        assertEquals(bootstrap, config.get("quarkus.kafka-streams.bootstrap-servers"));
        assertEquals(bootstrap, config.get("mp.messaging.connector.smallrye-kafka.bootstrap.servers"));
        Path stateDir = Path.of(config.get("kafka-streams.state.dir"));
        assertEquals(
                Path.of("target").toAbsolutePath(),
                stateDir.getParent().getParent(),
                "Kafka Streams state under ./target, next to the broker's data");
        assertEquals(4, config.size());
        assertEquals(config, again);
        assertEquals(before + 2, SharedBroker.users());
        BrokerProbe.assertTopicsMatchContract(bootstrap);

        second.stop();
        first.stop();
        assertEquals(before, SharedBroker.users());
    }
}
