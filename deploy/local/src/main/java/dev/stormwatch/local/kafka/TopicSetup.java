package dev.stormwatch.local.kafka;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of {@link Topics#ALL} with their partitions, cleanup.policy and retention.ms. Idempotent: a topic
 * that exists is kept (with its records); its settings are altered to match, and its partitions raised when it has
 * fewer. A topic with more partitions than the contract says is an error: Kafka cannot shrink it, and keys would land
 * on other partitions than the services expect.
 */
public final class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Tries of {@link #apply(Admin, Collection)} when Kafka answers from stale metadata. */
    private static final int ATTEMPTS = 5;

    private TopicSetup() {}

    /** Opens an admin client on {@code bootstrapServers} and applies every topic of {@link Topics#ALL}. */
    public static Result apply(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "stormwatch-topic-setup"))) {
            return apply(admin, Topics.ALL);
        }
    }

    /** Creates the missing topics among {@code topics} and aligns the existing ones; waits until leaders serve them. */
    public static Result apply(Admin admin, Collection<Topic> topics) {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(admin, topics);
            } catch (IllegalStateException e) {
                // Stale metadata (a topic listed a moment behind the controller, just deleted or not yet served by its
                // leader) settles within moments; any other error is the caller's to see.
                if (attempt == ATTEMPTS
                        || !(e.getCause() instanceof ExecutionException cause)
                        || !(cause.getCause() instanceof InvalidMetadataException)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
    }

    private static Result applyOnce(Admin admin, Collection<Topic> topics) {
        try {
            Collection<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> created = create(
                    admin,
                    topics.stream().filter(t -> !existing.contains(t.name())).toList());
            // A topic the listing missed but creation found existing (another process made it, or the listing answered
            // from metadata a moment behind the controller) is aligned like any other existing topic.
            List<Topic> present =
                    topics.stream().filter(t -> !created.contains(t.name())).toList();
            List<String> altered = new ArrayList<>(alignPartitions(admin, present));
            for (String name : alignConfigs(admin, present)) {
                if (!altered.contains(name)) {
                    altered.add(name);
                }
            }
            awaitLeaders(admin, topics);
            return new Result(created, altered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics: " + describe(e), e);
        }
    }

    /** What {@link #apply} changed: topics it created, and existing topics whose settings it altered. */
    public record Result(List<String> created, List<String> altered) {}

    private static List<String> create(Admin admin, List<Topic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (missing.isEmpty()) {
            return List.of();
        }
        List<NewTopic> newTopics = missing.stream()
                // No replication factor: the broker's default.replication.factor (1 on the local node).
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(configs(t)))
                .toList();
        List<String> created = new ArrayList<>();
        for (var entry : admin.createTopics(newTopics).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                // It exists after all: the caller aligns it with the topics that were present.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    private static Map<String, String> configs(Topic topic) {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.cleanupPolicy(),
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(topic.retentionMs()));
    }

    private static List<String> alignPartitions(Admin admin, List<Topic> present)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                        present.stream().map(Topic::name).toList())
                .allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, NewPartitions> increases = new HashMap<>();
        for (Topic topic : present) {
            int actual = descriptions.get(topic.name()).partitions().size();
            if (actual > topic.partitions()) {
                throw new IllegalStateException("topic " + topic.name() + " has " + actual + " partitions, the contract"
                        + " says " + topic.partitions() + "; Kafka cannot remove partitions: delete the topic");
            }
            if (actual < topic.partitions()) {
                increases.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
            }
        }
        if (!increases.isEmpty()) {
            admin.createPartitions(increases).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return List.copyOf(increases.keySet());
    }

    private static List<String> alignConfigs(Admin admin, List<Topic> present)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
        Map<ConfigResource, Config> actual =
                admin.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (Topic topic : present) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config config = actual.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            for (var wanted : configs(topic).entrySet()) {
                ConfigEntry entry = config.get(wanted.getKey());
                if (entry == null || !wanted.getValue().equals(entry.value())) {
                    ops.add(new AlterConfigOp(
                            new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                }
            }
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return changes.keySet().stream().map(ConfigResource::name).toList();
    }

    /**
     * Clients and Kafka Streams starting right after need every partition served by its leader, which comes a moment
     * after the controller records the topic: until then produce requests fail with NOT_LEADER_OR_FOLLOWER. Asking each
     * leader for its end offset succeeds only once it serves the partition (the admin client retries until then).
     */
    private static void awaitLeaders(Admin admin, Collection<Topic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                        topics.stream().map(Topic::name).toList())
                .allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        descriptions
                .values()
                .forEach(d -> d.partitions()
                        .forEach(
                                p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
