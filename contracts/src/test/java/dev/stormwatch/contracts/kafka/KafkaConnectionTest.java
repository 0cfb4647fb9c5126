package dev.stormwatch.contracts.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void keepsTheAddressAndTheSecuritySettingsAndNothingElse() {
        // As Quarkus's default-kafka-broker map holds them: kafka.* properties and KAFKA_* variables, prefix removed.
        Map<String, Object> config = Map.of(
                "bootstrap.servers",
                "kafka:19092",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "ScramLoginModule required;",
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                "/etc/ca.crt",
                "streams.state.dir",
                "/var/lib/state",
                "health.enabled",
                "false",
                "sasl.client.callback.handler.class",
                "");

        assertEquals(
                Map.of(
                        "bootstrap.servers",
                        "kafka:19092",
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "ScramLoginModule required;",
                        "ssl.truststore.type",
                        "PEM",
                        "ssl.truststore.location",
                        "/etc/ca.crt"),
                KafkaConnection.of(config));
    }

    @Test
    void refusesAConfigurationWithoutBootstrapServers() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KafkaConnection.of(Map.of("security.protocol", "SASL_SSL")));
        assertEquals("no kafka.bootstrap.servers in the Kafka configuration", e.getMessage());
    }
}
