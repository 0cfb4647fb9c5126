package dev.stormwatch.status;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what status-api wrote to a topic, from the beginning, with a plain consumer (no group). */
public final class TopicReader {

    private TopicReader() {}

    /** A record as read: key, raw value and the CloudEvent in it (null for a tombstone). */
    public record Read(String key, byte[] value, CloudEvent event) {}

    /** Every record of {@code topic} matching {@code filter}, once at least {@code count} of them are there. */
    public static List<Read> await(Topic topic, int count, Duration within, Predicate<Read> filter) {
        return Eventually.get(within, count + " matching records on " + topic.name(), () -> {
            List<Read> found = all(topic).stream().filter(filter).toList();
            return found.size() >= count ? found : null;
        });
    }

    public static List<Read> all(Topic topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TopicWriter.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Read> out = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Read(
                            r.key(),
                            r.value(),
                            r.value() == null ? null : JsonCodec.fromJson(r.value(), CloudEvent.class)));
                }
            }
            return out;
        }
    }
}
