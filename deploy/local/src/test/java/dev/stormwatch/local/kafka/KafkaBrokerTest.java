package dev.stormwatch.local.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;

class KafkaBrokerTest {

    @Test
    void createsEveryContractTopicAndKeepsRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-broker-test-");
        List<String> sent = List.of("first", "second", "third");
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            System.out.println("Kafka broker cold start: " + broker.startupTime().toMillis() + " ms");
            TopicSetup.Result result = TopicSetup.apply(broker.bootstrapServers());
            assertEquals(Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet()), Set.copyOf(result.created()));
            assertTopicsMatchContract(broker.bootstrapServers());
            produce(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name(), "key-1", sent);
            assertEquals(sent, consume(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name(), "key-1", sent.size()));
        }
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            System.out.println("Kafka broker restart: " + broker.startupTime().toMillis() + " ms");
            TopicSetup.Result again = TopicSetup.apply(broker.bootstrapServers());
            assertEquals(List.of(), again.created());
            assertEquals(List.of(), again.altered());
            assertEquals(sent, consume(broker.bootstrapServers(), Topics.HEALTH_EVENTS.name(), "key-1", sent.size()));
        }
    }

    static void assertTopicsMatchContract(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.ALL.stream().map(Topic::name).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(10, TimeUnit.SECONDS);
            for (Topic topic : Topics.ALL) {
                assertEquals(topic.partitions(), descriptions.get(topic.name()).partitions().size(), topic.name());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertEquals(topic.cleanupPolicy(), config.get("cleanup.policy").value(), topic.name());
                assertEquals(String.valueOf(topic.retentionMs()), config.get("retention.ms").value(), topic.name());
            }
        }
    }

    static void produce(String bootstrap, String topic, String key, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
                assertTrue(metadata.hasOffset(), "acknowledged with an offset");
            }
        }
    }

    /** Reads the partition {@code key} hashes to from its start, without a consumer group. */
    static List<String> consume(String bootstrap, String topic, String key, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertEquals(key, record.key());
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
