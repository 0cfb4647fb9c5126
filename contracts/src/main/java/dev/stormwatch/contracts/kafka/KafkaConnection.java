package dev.stormwatch.contracts.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where Kafka is and how a service authenticates to it: {@code bootstrap.servers}, {@code security.protocol} and the
 * {@code sasl.*} / {@code ssl.*} settings, picked from the service's whole Kafka configuration (Quarkus's
 * {@code default-kafka-broker} map, which holds every {@code kafka.*} property and {@code KAFKA_*} variable). Every
 * plain client a service builds starts from these, so that a deployment that turns on SASL or TLS reaches them all.
 */
public final class KafkaConnection {

    private KafkaConnection() {}

    /** The connection settings among {@code kafkaConfig}; everything else (client tuning, stray names) is left out. */
    public static Map<String, Object> of(Map<String, ?> kafkaConfig) {
        Map<String, Object> out = new TreeMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (value != null && !String.valueOf(value).isEmpty() && connectionSetting(name)) {
                out.put(name, value);
            }
        });
        if (!out.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("no kafka.bootstrap.servers in the Kafka configuration");
        }
        return out;
    }

    /** Only {@code bootstrap.servers}: a broker without authentication, as in tests and the local run. */
    public static Map<String, Object> bootstrap(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    static boolean connectionSetting(String name) {
        return name.equals("bootstrap.servers")
                || name.equals("security.protocol")
                || name.startsWith("sasl.")
                || name.startsWith("ssl.");
    }
}
