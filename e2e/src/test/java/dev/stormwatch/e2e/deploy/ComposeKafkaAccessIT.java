package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's Kafka, for real: a KRaft broker started with the {@code kafka} service's own settings (its
 * listeners moved to free local ports), the {@code kafka-topics} and {@code kafka-access} one-shots run against it as
 * the administrator of the {@code kafka-admin} config, then each service's client settings (its JAAS line, with the
 * passwords Compose would have taken from .env) tried on what its user may and may not do. No Docker.
 */
class ComposeKafkaAccessIT {

    private static final Pattern DEMANDED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]*}");

    private static KafkaBroker broker;
    private static Map<String, Object> services;
    /** The .env Compose would read: a fresh password for every demanded variable. */
    private static final Map<String, String> DOT_ENV = new HashMap<>();

    private static String internal;
    private static Path adminConfig;

    @TempDir
    static Path tools;

    @BeforeAll
    static void start() throws Exception {
        ComposeScript.bash();
        Map<String, Object> compose = DeployFiles.yaml(DeployFiles.repo().resolve("deploy/compose/docker-compose.yml"));
        services = DeployFiles.child(compose, "services");
        int internalPort = FreePorts.take();
        int brokerPort = FreePorts.take();
        int controllerPort = FreePorts.take();
        internal = "localhost:" + internalPort;

        Map<String, String> settings = new TreeMap<>();
        ComposeFileTest.environment(DeployFiles.map(services.get("kafka"), "kafka"))
                .forEach((name, value) -> {
                    if (name.startsWith("KAFKA_")) {
                        // The apache/kafka image's mapping: KAFKA_FOO_BAR → foo.bar, "__" → "_", "___" → "-".
                        settings.put(
                                name.substring("KAFKA_".length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace("___", "-")
                                        .replace("__", "\u0000")
                                        .replace('_', '.')
                                        .replace('\u0000', '_'),
                                interpolate(value));
                    }
                });
        // Only the addresses are this test's: the same listeners on free local ports, the data in target/.
        settings.put(
                "listeners",
                settings.get("listeners")
                        .replace("INTERNAL://:19092", "INTERNAL://localhost:" + internalPort)
                        .replace("BROKER://:19093", "BROKER://localhost:" + brokerPort)
                        .replace("CONTROLLER://:9093", "CONTROLLER://localhost:" + controllerPort));
        settings.put(
                "advertised.listeners", "INTERNAL://localhost:" + internalPort + ",BROKER://localhost:" + brokerPort);
        settings.put("controller.quorum.voters", settings.get("node.id") + "@localhost:" + controllerPort);
        settings.remove("log.dirs");
        Path dir = Path.of("target", "compose-kafka-access", "broker-" + System.nanoTime());
        Files.createDirectories(dir.getParent());
        broker = KafkaBroker.start(dir, brokerPort, settings);

        adminConfig = tools.resolve("kafka-admin.properties");
        Files.writeString(adminConfig, interpolate(DeployFiles.scalar(compose, "configs", "kafka-admin", "content")));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void givesEachServiceUserItsTopicsAndRefusesTheRest() throws Exception {
        ComposeScript.Run topics =
                ComposeScript.run("kafka-topics", broker.bootstrapServers(), adminConfig, Map.of(), tools);
        assertEquals(0, topics.exit(), topics.output());
        Map<String, String> accessEnv = new TreeMap<>();
        ComposeFileTest.environment(DeployFiles.map(services.get("kafka-access"), "kafka-access"))
                .forEach((k, v) -> accessEnv.put(k, interpolate(v)));
        ComposeScript.Run access =
                ComposeScript.run("kafka-access", broker.bootstrapServers(), adminConfig, accessEnv, tools);
        assertEquals(0, access.exit(), access.output());
        assertTrue(access.output().contains("kafka access ready"), access.output());

        // The notifier pages and reads the plan, never changes it: catalog.v1 refuses its write.
        try (KafkaProducer<String, String> notifier = producer("notifier")) {
            send(notifier, Topics.NOTIFICATIONS.name());
            ExecutionException refused =
                    assertThrows(ExecutionException.class, () -> send(notifier, Topics.CATALOG.name()));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
            assertEquals(
                    Set.of(Topics.CATALOG.name()),
                    ((TopicAuthorizationException) refused.getCause()).unauthorizedTopics());
        }
        // The webhook-facing ingest never decides: dr-decisions.v1 refuses its write.
        try (KafkaProducer<String, String> ingest = producer("health-ingest")) {
            send(ingest, Topics.HEALTH_EVENTS.name());
            ExecutionException refused =
                    assertThrows(ExecutionException.class, () -> send(ingest, Topics.DR_DECISIONS.name()));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
            assertEquals(
                    Set.of(Topics.DR_DECISIONS.name()),
                    ((TopicAuthorizationException) refused.getCause()).unauthorizedTopics());
        }
        // status-api records people's decisions.
        try (KafkaProducer<String, String> statusApi = producer("status-api")) {
            send(statusApi, Topics.DR_DECISIONS.name());
        }
        // health-ingest never sees the catalog (channel addresses).
        try (KafkaConsumer<String, String> ingest = consumer("health-ingest")) {
            ingest.assign(List.of(new TopicPartition(Topics.CATALOG.name(), 0)));
            ingest.seekToBeginning(ingest.assignment());
            assertThrows(TopicAuthorizationException.class, () -> ingest.poll(Duration.ofSeconds(10)));
        }
        // …but reads its own seen-index topic.
        try (KafkaConsumer<String, String> ingest = consumer("health-ingest")) {
            ingest.assign(List.of(new TopicPartition(Topics.HEALTH_EVENTS.name(), 0)));
            ingest.seekToBeginning(ingest.assignment());
            ingest.poll(Duration.ofSeconds(2));
            assertEquals(0L, ingest.position(new TopicPartition(Topics.HEALTH_EVENTS.name(), 0)));
        }
    }

    @Test
    void refusesAClientWithoutTheUsersPassword() {
        Map<String, Object> props = clientSettings("notifier");
        props.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"notifier\" password=\"not-the-password-of-the-notifier\";");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        try (Admin admin = Admin.create(props)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        }
    }

    // --- clients as the services configure them -------------------------------------------------------------------

    /** The Kafka settings compose gives {@code service}'s plain clients, with the address moved to the test's port. */
    private static Map<String, Object> clientSettings(String service) {
        Map<String, String> env = ComposeFileTest.environment(DeployFiles.map(services.get(service), service));
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", internal);
        props.put("security.protocol", env.get("KAFKA_SECURITY_PROTOCOL"));
        props.put("sasl.mechanism", env.get("KAFKA_SASL_MECHANISM"));
        props.put("sasl.jaas.config", interpolate(env.get("KAFKA_SASL_JAAS_CONFIG")));
        props.put("client.id", service + "-acl-test");
        return props;
    }

    private static KafkaProducer<String, String> producer(String service) {
        Map<String, Object> props = clientSettings(service);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String service) {
        Map<String, Object> props = clientSettings(service);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "acl-test", "{}")).get(60, TimeUnit.SECONDS);
    }

    /** Compose's interpolation of the demanded variables ({@code ${NAME:?message}}) from the test's .env. */
    private static String interpolate(String value) {
        Matcher m = DEMANDED.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = DOT_ENV.computeIfAbsent(m.group(1), k -> randomPassword());
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
