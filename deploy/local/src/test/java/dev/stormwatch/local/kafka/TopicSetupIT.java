package dev.stormwatch.local.kafka;

import static dev.stormwatch.local.kafka.BrokerProbe.admin;
import static dev.stormwatch.local.kafka.BrokerProbe.assertTopicsMatchContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs on the JVM's shared broker, where every contract topic exists already. */
class TopicSetupIT {

    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = SharedBroker.acquire();
    }

    @AfterAll
    static void release() {
        SharedBroker.release();
    }

    @Test
    void restoresSettingsChangedOnAnExistingTopic() throws Exception {
        ConfigResource acks = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACKS.name());
        ConfigResource catalog = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG.name());
        try (Admin admin = admin(bootstrap)) {
            admin.incrementalAlterConfigs(Map.of(
                            acks,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET)),
                            catalog,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            // The controller has the change when the call returns; the broker that answers describeConfigs may see it
            // a moment later. The test is about restoring a changed topic, so it starts once the change is visible.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!changeVisible(admin, acks, catalog)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker never showed the altered retention.ms and cleanup.policy");
                }
                Thread.sleep(50);
            }
        }

        TopicSetup.Result result = TopicSetup.apply(bootstrap);

        assertEquals(List.of(), result.created());
        assertEquals(
                List.of(Topics.ACKS.name(), Topics.CATALOG.name()),
                result.altered().stream().sorted().toList());
        assertTopicsMatchContract(bootstrap);
        assertEquals(new TopicSetup.Result(List.of(), List.of()), TopicSetup.apply(bootstrap));
    }

    private static boolean changeVisible(Admin admin, ConfigResource acks, ConfigResource catalog) throws Exception {
        var configs = admin.describeConfigs(List.of(acks, catalog)).all().get(10, TimeUnit.SECONDS);
        return "60000".equals(configs.get(acks).get("retention.ms").value())
                && "delete".equals(configs.get(catalog).get("cleanup.policy").value());
    }

    @Test
    void raisesPartitionsOfATopicThatHasFewer() throws Exception {
        Topic wanted = new Topic("topic-setup-test-grow", 3, false, Duration.ofDays(1), "test");
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(wanted.name(), 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            awaitListed(admin, wanted.name());

            TopicSetup.Result result = TopicSetup.apply(admin, List.of(wanted));

            assertEquals(new TopicSetup.Result(List.of(), List.of(wanted.name())), result);
            assertEquals(
                    3,
                    admin.describeTopics(List.of(wanted.name()))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(wanted.name())
                            .partitions()
                            .size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, wanted.name());
            assertEquals(
                    "86400000",
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .get(resource)
                            .get("retention.ms")
                            .value());
        }
    }

    @Test
    void refusesATopicWithMorePartitionsThanTheContract() throws Exception {
        Topic wanted = new Topic("topic-setup-test-shrink", 2, true, null, "test");
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(wanted.name(), 4, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            awaitListed(admin, wanted.name());

            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> TopicSetup.apply(admin, List.of(wanted)));

            assertEquals(
                    "topic topic-setup-test-shrink has 4 partitions, the contract says 2; Kafka cannot remove"
                            + " partitions: delete the topic",
                    e.getMessage());
        }
    }

    /** createTopics returns once the controller has the topic; the broker lists it a moment later. */
    private static void awaitListed(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the broker never listed " + topic);
            }
            Thread.sleep(50);
        }
    }
}
