package dev.stormwatch.e2e.deploy;

import static dev.stormwatch.e2e.deploy.DeployFiles.child;
import static dev.stormwatch.e2e.deploy.DeployFiles.list;
import static dev.stormwatch.e2e.deploy.DeployFiles.map;
import static dev.stormwatch.e2e.deploy.DeployFiles.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.local.kafka.SharedBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topic settings agree in the three places that create topics: the local launcher (deploy/local's
 * {@link TopicSetup}, run here against a real KRaft broker and read back from it), deploy/compose's one-shot
 * {@code kafka-topics} service and deploy/k8s's KafkaTopic resources, all three against contracts' {@link Topics#ALL}.
 * TopicSetup keeps its config mapping private, so what it produces is read from the broker instead: the settings a
 * launcher-created topic really has.
 */
class TopicSettingsIT {

    private static final Pattern COMPOSE_TOPIC =
            Pattern.compile("(?m)^\\s*topic\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(-?\\d+)\\s*$");

    private static String bootstrap;

    @BeforeAll
    static void broker() {
        // The JVM's shared in-process broker; acquire() runs TopicSetup.apply on it, as the launcher does at start.
        bootstrap = SharedBroker.acquire();
    }

    @AfterAll
    static void release() {
        SharedBroker.release();
    }

    @Test
    void launcherComposeAndKubernetesCreateTheContractTopicsWithTheSameSettings() throws Exception {
        TopicSetup.Result again = TopicSetup.apply(bootstrap);
        assertEquals(List.of(), again.created(), "a second TopicSetup creates nothing");
        assertEquals(List.of(), again.altered(), "a second TopicSetup finds every setting as the contract says");

        Map<String, String> contract = new TreeMap<>();
        Topics.ALL.forEach(t -> contract.put(t.name(), settings(t.partitions(), t.cleanupPolicy(), t.retentionMs())));

        Map<String, String> launcher = onBroker();
        Map<String, String> compose = inCompose();
        Map<String, String> kubernetes = inKubernetes();

        assertEquals(contract, launcher, "launcher (TopicSetup on a real broker) vs Topics.ALL");
        assertEquals(contract, compose, "deploy/compose kafka-topics vs Topics.ALL");
        assertEquals(contract, kubernetes, "deploy/k8s KafkaTopic resources vs Topics.ALL");
        assertEquals(launcher, compose, "launcher vs compose");
        assertEquals(launcher, kubernetes, "launcher vs Kubernetes");
    }

    private static String settings(Object partitions, Object cleanupPolicy, Object retentionMs) {
        return "partitions=" + partitions + " cleanup.policy=" + cleanupPolicy + " retention.ms=" + retentionMs;
    }

    /** The contract topics as the broker has them after TopicSetup. */
    private static Map<String, String> onBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.ALL.stream().map(Topic::name).toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
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
                        settings(
                                descriptions.get(name).partitions().size(),
                                config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                                Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG)
                                        .value())));
            }
            return out;
        }
    }

    private static Map<String, String> inCompose() {
        Path file = DeployFiles.repo().resolve("deploy/compose/docker-compose.yml");
        Map<String, Object> service = child(DeployFiles.yaml(file), "services", "kafka-topics");
        Matcher m = COMPOSE_TOPIC.matcher(String.join("\n", ComposeFileTest.strings(list(service, "command"))));
        Map<String, String> out = new TreeMap<>();
        while (m.find()) {
            out.put(m.group(1), settings(Integer.parseInt(m.group(2)), m.group(3), Long.parseLong(m.group(4))));
        }
        return out;
    }

    private static Map<String, String> inKubernetes() {
        Path file = DeployFiles.repo().resolve("deploy/k8s/kafka/topics.yaml");
        Map<String, String> out = new TreeMap<>();
        for (Object document : DeployFiles.documents(file)) {
            Map<String, Object> topic = map(document, file.toString());
            Map<String, Object> spec = child(topic, "spec");
            Map<String, Object> config = child(spec, "config");
            out.put(
                    scalar(spec, "topicName"),
                    settings(
                            spec.get("partitions"),
                            config.get("cleanup.policy"),
                            ((Number) config.get("retention.ms")).longValue()));
        }
        return out;
    }
}
