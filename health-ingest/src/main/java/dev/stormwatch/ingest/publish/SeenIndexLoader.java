package dev.stormwatch.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.kafka.TopicFollower;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Rebuilds the {@link SeenIndex} from {@code health-events.v1}: read from the beginning on every start (no group, no
 * commits), marked loaded once the ends found at start were reached, then kept current by tailing, so that updates
 * other instances publish are known too. A {@link TopicFollower} replay and not a Reactive Messaging channel: a channel
 * cannot report "reached the end offsets of the start", which admission waits for.
 */
public final class SeenIndexLoader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SeenIndexLoader.class);

    private final SeenIndex index;
    private final TopicFollower follower;

    public SeenIndexLoader(String bootstrapServers, SeenIndex index) {
        this(KafkaConnection.bootstrap(bootstrapServers), index);
    }

    /** @param connection the Kafka connection settings ({@link KafkaConnection}) */
    public SeenIndexLoader(Map<String, Object> connection, SeenIndex index) {
        this.index = index;
        this.follower = TopicFollower.replay(
                "health-ingest-seen-index", connection, List.of(Topics.HEALTH_EVENTS.name()), this::apply, () -> {
                    index.markLoaded();
                    LOG.infof("seen-index rebuilt from %s: %d keys", Topics.HEALTH_EVENTS.name(), index.keys());
                });
    }

    public SeenIndexLoader start() {
        follower.start();
        return this;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.key() == null) {
            return;
        }
        try {
            JsonNode event = JsonCodec.mapper().readTree(r.value());
            String id = event.path("id").asText(null);
            String lastUpdate = event.path("data").path("lastUpdate").asText(null);
            if (id != null) {
                index.record(
                        SeenIndex.fact(r.key(), event.path("data")),
                        id,
                        lastUpdate == null ? null : Instant.parse(lastUpdate),
                        r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp()));
            }
        } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
