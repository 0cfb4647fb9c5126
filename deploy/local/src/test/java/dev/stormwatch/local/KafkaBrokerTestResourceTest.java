package dev.stormwatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.stormwatch.local.kafka.BrokerProbe;
import dev.stormwatch.local.kafka.SharedBroker;

class KafkaBrokerTestResourceTest {

    @Test
    void everyUserGetsTheSameBrokerWithTheContractTopics() throws Exception {
        KafkaBrokerTestResource first = new KafkaBrokerTestResource();
        KafkaBrokerTestResource second = new KafkaBrokerTestResource();
        int before = SharedBroker.users();

        Map<String, String> config = first.start();
        Map<String, String> again = second.start();

        String bootstrap = config.get("kafka.bootstrap.servers");
        assertEquals(Set.of("kafka.bootstrap.servers", "quarkus.kafka-streams.bootstrap-servers",
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers"), config.keySet());
        assertEquals(Set.of(bootstrap), Set.copyOf(config.values()));
        assertEquals(config, again);
        assertEquals(before + 2, SharedBroker.users());
        BrokerProbe.assertTopicsMatchContract(bootstrap);

        second.stop();
        first.stop();
        assertEquals(before, SharedBroker.users());
    }
}
