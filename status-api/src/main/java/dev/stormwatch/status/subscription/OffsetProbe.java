package dev.stormwatch.status.subscription;

import dev.stormwatch.status.kafka.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Where topics end now (the last committed offset, as a read_committed consumer sees it): a new subscription starts
 * there. An admin client, not a consumer: nothing is read.
 */
@Singleton
public class OffsetProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings settings;
    private Admin admin;

    public OffsetProbe(KafkaSettings settings) {
        this.settings = settings;
    }

    /** "topic/partition" → end offset, for every partition of {@code topics}. */
    public synchronized Map<String, Long> ends(Collection<String> topics) {
        if (admin == null) {
            admin = Admin.create(settings.admin("status-api-offset-probe"));
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics)
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values()) {
                topic.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp.topic() + "/" + tp.partition(), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the ends of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the ends of " + topics + ": " + e.getMessage(), e);
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
