package dev.stormwatch.status.subscription;

import dev.stormwatch.status.kafka.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where topics end now: a new subscription starts there. One consumer, used by one caller at a time. */
@Singleton
public class OffsetProbe {

    private final KafkaSettings settings;
    private KafkaConsumer<String, byte[]> consumer;

    public OffsetProbe(KafkaSettings settings) {
        this.settings = settings;
    }

    /** "topic/partition" → end offset, for every partition of {@code topics}. */
    public synchronized Map<String, Long> ends(Collection<String> topics) {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(settings.replayConsumer("status-api-offset-probe"));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        Map<String, Long> ends = new HashMap<>();
        consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, offset) -> ends.put(tp.topic() + "/" + tp.partition(), offset));
        return ends;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
