package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.local.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Runs the compose file's one-shot {@code kafka-topics} script ({@link ComposeScript}) against a real KRaft broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTopicScriptIT {

    /** One broker for the three steps, which run in order: a fresh start, a restart, a topic the contract forbids. */
    private static KafkaBroker broker;

    @TempDir
    static Path tools;

    @BeforeAll
    static void start() throws IOException {
        ComposeScript.bash();
        Path dir = Path.of("target", "compose-topic-script", "broker-" + System.nanoTime());
        Files.createDirectories(dir.getParent());
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void createsMissingTopicsAndAlignsAnExistingOneToTheContract() throws Exception {
        // One topic exists already, as an older deployment could have left it: too few partitions, short retention.
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.ACKS.name(), 2, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        ComposeScript.Run run = runScript();

        assertEquals(0, run.exit(), run.output());
        assertTrue(
                run.output()
                        .contains("creating health-events.v1: 6 partitions, cleanup.policy=delete,"
                                + " retention.ms=2592000000"),
                run.output());
        assertTrue(
                run.output().contains("aligning acks.v1: cleanup.policy=delete, retention.ms=2592000000"),
                run.output());
        assertTrue(run.output().contains("topics ready"), run.output());
        assertEquals(contract(), onBroker());
    }

    @Test
    @Order(2)
    void changesNothingOnARestart() throws Exception {
        ComposeScript.Run run = runScript();

        assertEquals(0, run.exit(), run.output());
        for (Topic topic : Topics.ALL) {
            assertTrue(run.output().contains(topic.name() + " is as the contract says"), run.output());
        }
        assertFalse(run.output().contains("creating") || run.output().contains("aligning"), run.output());
        assertEquals(contract(), onBroker());
    }

    @Test
    @Order(3)
    void refusesATopicWithMorePartitionsThanTheContract() throws Exception {
        Topic last = Topics.ALL.get(Topics.ALL.size() - 1);
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(last.name())).all().get(30, TimeUnit.SECONDS);
            createWhenDeleted(admin, new NewTopic(last.name(), last.partitions() + 2, (short) 1));
        }

        ComposeScript.Run run = runScript();

        assertNotEquals(0, run.exit(), "the compose start must stop: " + run.output());
        assertTrue(
                run.output()
                        .contains("topic " + last.name() + " has " + (last.partitions() + 2)
                                + " partitions, the contract says " + last.partitions()),
                run.output());
        assertFalse(run.output().contains("topics ready"), run.output());
    }

    private static ComposeScript.Run runScript() throws Exception {
        // A broker without authentication here: the administrator's client settings are empty.
        Path config = tools.resolve("admin.properties");
        Files.writeString(config, "");
        return ComposeScript.run("kafka-topics", broker.bootstrapServers(), config, Map.of(), tools);
    }

    /** Topic deletion completes in the background; the name is free once a create stops failing with "exists". */
    private static void createWhenDeleted(Admin admin, NewTopic topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Map<String, String> contract() {
        Map<String, String> out = new TreeMap<>();
        Topics.ALL.forEach(t -> out.put(t.name(), t.partitions() + " " + t.cleanupPolicy() + " " + t.retentionMs()));
        return out;
    }

    private static Map<String, String> onBroker() throws Exception {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<String, String> out = new TreeMap<>();
            for (String name : names) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                out.put(
                        name,
                        descriptions.get(name).partitions().size() + " "
                                + config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value() + " "
                                + config.get(TopicConfig.RETENTION_MS_CONFIG).value());
            }
            return out;
        }
    }
}
