package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.local.kafka.KafkaBroker;

/**
 * Runs the compose file's one-shot {@code kafka-topics} script, as Compose hands it to bash in the apache/kafka image,
 * against a real KRaft broker: {@code kafka-topics.sh} and {@code kafka-configs.sh} are Kafka's own CLI classes (the
 * ones the image's scripts start), only the bootstrap address and the tools' folder are this test's. Only bash is
 * needed, no Docker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTopicScriptTest {

    private static final Pattern BOOTSTRAP_LINE = Pattern.compile("(?m)^bootstrap=.*$");
    private static final Pattern BIN_LINE = Pattern.compile("(?m)^bin=.*$");

    /** One broker for the three steps, which run in order: a fresh start, a restart, a topic the contract forbids. */
    private static KafkaBroker broker;
    private static Path bash;

    @TempDir
    static Path tools;

    @BeforeAll
    static void start() throws IOException {
        bash = bash();
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
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1000")))).all().get(30, TimeUnit.SECONDS);
        }

        Run run = runScript();

        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("creating health-events.v1: 6 partitions, cleanup.policy=delete,"
                + " retention.ms=2592000000"), run.output);
        assertTrue(run.output.contains("aligning acks.v1: cleanup.policy=delete, retention.ms=2592000000"), run.output);
        assertTrue(run.output.contains("topics ready"), run.output);
        assertEquals(contract(), onBroker());
    }

    @Test
    @Order(2)
    void changesNothingOnARestart() throws Exception {
        Run run = runScript();

        assertEquals(0, run.exit, run.output);
        for (Topic topic : Topics.ALL) {
            assertTrue(run.output.contains(topic.name() + " is as the contract says"), run.output);
        }
        assertFalse(run.output.contains("creating") || run.output.contains("aligning"), run.output);
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

        Run run = runScript();

        assertNotEquals(0, run.exit, "the compose start must stop: " + run.output);
        assertTrue(run.output.contains("topic " + last.name() + " has " + (last.partitions() + 2)
                + " partitions, the contract says " + last.partitions()), run.output);
        assertFalse(run.output.contains("topics ready"), run.output);
    }

    private record Run(int exit, String output) {
    }

    private static Run runScript() throws Exception {
        String script = composeScript();
        assertTrue(BOOTSTRAP_LINE.matcher(script).find() && BIN_LINE.matcher(script).find(),
                "the script names its bootstrap servers and the tools' folder on lines of their own");
        script = BOOTSTRAP_LINE.matcher(script).replaceFirst(Matcher.quoteReplacement("bootstrap=" + broker.bootstrapServers()));
        script = BIN_LINE.matcher(script).replaceFirst(Matcher.quoteReplacement("bin=" + tools));
        tool("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand");
        tool("kafka-configs.sh", "kafka.admin.ConfigCommand");

        Path log = tools.resolve("script.log");
        // Compose runs it as: entrypoint ["/bin/bash", "-ec"], command [script].
        Process process = new ProcessBuilder(bash.toString(), "-ec", script).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the topic script did not finish in 5 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** The kafka-topics service's script with Compose's escaping undone ($$ is a literal $). */
    private static String composeScript() {
        Map<String, Object> service = DeployFiles.child(DeployFiles.yaml(DeployFiles.repo()
                .resolve("deploy/compose/docker-compose.yml")), "services", "kafka-topics");
        List<String> command = ComposeFileTest.strings(DeployFiles.list(service, "command"));
        assertEquals(1, command.size(), "one script, run by the entrypoint's bash -ec");
        assertEquals(List.of("/bin/bash", "-ec"), ComposeFileTest.strings(DeployFiles.list(service, "entrypoint")));
        return command.get(0).replace("$$", "$");
    }

    /** A stand-in for the image's bin/NAME: the same CLI class, on this JVM's class path. */
    private static void tool(String name, String mainClass) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' " + mainClass + " \"$@\"\n";
        Path file = tools.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path bash() {
        for (String candidate : List.of("/bin/bash", "/usr/bin/bash")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String reason = "bash is not installed: the compose topic script is checked by parsing only";
        System.out.println("[deploy] skipped: " + reason);
        Assumptions.abort(reason);
        return null;
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
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            Map<String, String> out = new TreeMap<>();
            for (String name : names) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                out.put(name, descriptions.get(name).partitions().size() + " "
                        + config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value() + " "
                        + config.get(TopicConfig.RETENTION_MS_CONFIG).value());
            }
            return out;
        }
    }
}
