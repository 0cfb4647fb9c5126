package dev.stormwatch.ingest.publish;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.kafka.TopicFollower;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

    static final int FETCH_MIN_BYTES = 64 * 1024;
    static final int FETCH_MAX_WAIT_MS = 100;

    private final SeenIndex index;
    private final TopicFollower follower;

    public SeenIndexLoader(String bootstrapServers, SeenIndex index) {
        this(KafkaConnection.bootstrap(bootstrapServers), index);
    }

    /** @param connection the Kafka connection settings ({@link KafkaConnection}) */
    public SeenIndexLoader(Map<String, Object> connection, SeenIndex index) {
        this.index = index;
        // Every record this instance publishes comes back here; under a burst, fetch them in batches rather than a few
        // at a time (its own updates are already admitted; another instance's are known within the wait).
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        this.follower = TopicFollower.replay(
                "health-ingest-seen-index", props, List.of(Topics.HEALTH_EVENTS.name()), this::apply, () -> {
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
            Read read = read(r.value());
            if (read.id != null) {
                index.record(
                        SeenIndex.fact(r.key(), read.service, read.subscriptionId),
                        read.id,
                        read.lastUpdate == null ? null : Instant.parse(read.lastUpdate),
                        r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp()));
            }
        } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    /** What the index keeps of a record: its CloudEvent id and, from its data, what {@link SeenIndex#fact} needs. */
    static final class Read {
        String id;
        String lastUpdate;
        String service;
        String subscriptionId;
    }

    /**
     * Reads the four fields in one pass over the bytes, skipping everything else (the description, every impacted
     * region and resource): the index reads back every record published, so this runs once per event.
     */
    static Read read(byte[] value) throws java.io.IOException {
        Read read = new Read();
        try (JsonParser p = JsonCodec.mapper().getFactory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return read;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("id") && t == JsonToken.VALUE_STRING) {
                    read.id = p.getText();
                } else if (name.equals("data") && t == JsonToken.START_OBJECT) {
                    readData(p, read);
                } else {
                    p.skipChildren();
                }
            }
        }
        return read;
    }

    private static void readData(JsonParser p, Read read) throws java.io.IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "lastUpdate" -> read.lastUpdate = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "subscriptionId" -> read.subscriptionId = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "impacted" -> {
                    if (t != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    boolean first = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (first && p.currentToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                JsonToken v = p.nextToken();
                                if (field.equals("service") && v == JsonToken.VALUE_STRING) {
                                    read.service = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                        first = false;
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
