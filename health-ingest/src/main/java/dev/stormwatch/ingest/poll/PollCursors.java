package dev.stormwatch.ingest.poll;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The pollers' cursors — per poller, scope (subscription, feed) and tracking id, the last update published and its
 * fingerprint — kept in the compacted {@code ingest-cursors.v1} and read back whole at start, so that a restarted
 * poller skips what it already published and still publishes what it had not reached.
 */
public final class PollCursors {

    /**
     * One cursor: the newest update time seen for a key and the fingerprints of every version seen at that time (a
     * resource can report two states stamped alike). The record on ingest-cursors.v1 is a CloudEvent wrapping it.
     */
    public record PollCursor(String poller, String scope, String key, Instant lastUpdate, List<String> fingerprints) {
        public PollCursor {
            fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
        }

        String id() {
            return poller + "|" + scope + "|" + key;
        }

        /** This cursor moved past one more version: a newer time starts over, the same time adds the fingerprint. */
        PollCursor with(Instant at, String fingerprint) {
            if (at != null && lastUpdate != null && at.isAfter(lastUpdate) || lastUpdate == null && at != null) {
                return new PollCursor(poller, scope, key, at, List.of(fingerprint));
            }
            if (fingerprints.contains(fingerprint)) {
                return this;
            }
            List<String> prints = new ArrayList<>(fingerprints);
            prints.add(fingerprint);
            return new PollCursor(poller, scope, key, lastUpdate, prints);
        }
    }

    private final Map<String, PollCursor> cursors = new ConcurrentHashMap<>();
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration timeout;

    private PollCursors(Producer<String, byte[]> producer, Clock clock, Duration timeout) {
        this.producer = producer;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Reads every cursor of {@code ingest-cursors.v1} up to its current end, with a {@link TopicFollower} replay: a
     * compacted topic read whole on every start, never committed, which a Reactive Messaging channel does not do.
     */
    public static PollCursors load(
            String bootstrapServers, Producer<String, byte[]> producer, Clock clock, Duration timeout) {
        return load(KafkaConnection.bootstrap(bootstrapServers), producer, clock, timeout);
    }

    /**
     * As {@link #load(String, Producer, Clock, Duration)}, with the Kafka connection settings
     * ({@link KafkaConnection}).
     */
    public static PollCursors load(
            Map<String, Object> connection, Producer<String, byte[]> producer, Clock clock, Duration timeout) {
        PollCursors store = new PollCursors(producer, clock, timeout);
        TopicFollower.readToEnd(
                "health-ingest-cursors",
                connection,
                List.of(Topics.INGEST_CURSORS.name()),
                r -> {
                    if (r.value() == null) {
                        store.cursors.remove(r.key());
                    } else {
                        store.cursors.put(
                                r.key(),
                                JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), PollCursor.class));
                    }
                },
                timeout);
        return store;
    }

    /**
     * True unless the cursor already holds this very version (same fingerprint) or a newer update of the key: the
     * poller then skips it.
     */
    public boolean isNew(String poller, String scope, String key, Instant lastUpdate, String fingerprint) {
        PollCursor c = cursors.get(poller + "|" + scope + "|" + key);
        if (c == null) {
            return true;
        }
        if (c.fingerprints().contains(fingerprint)) {
            return false;
        }
        return lastUpdate == null || c.lastUpdate() == null || !lastUpdate.isBefore(c.lastUpdate());
    }

    /**
     * The cursor of a key after it moved past {@code fingerprint} at {@code lastUpdate}, starting from {@code pending}
     * if given.
     */
    public PollCursor advanced(
            PollCursor pending, String poller, String scope, String key, Instant lastUpdate, String fingerprint) {
        PollCursor base = pending != null ? pending : cursors.get(poller + "|" + scope + "|" + key);
        if (base == null) {
            return new PollCursor(poller, scope, key, lastUpdate, List.of(fingerprint));
        }
        return base.with(lastUpdate, fingerprint);
    }

    /** Stores the cursors and waits for Kafka to acknowledge them. */
    public void save(List<PollCursor> updates) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (PollCursor c : updates) {
            byte[] value = JsonCodec.toBytes(JsonCodec.envelope(
                    c.id() + "@" + c.lastUpdate() + "#" + c.fingerprints().size(),
                    EventTypes.INGEST_CURSOR,
                    "/stormwatch/health-ingest/" + c.poller(),
                    c.id(),
                    clock.instant(),
                    false,
                    c));
            sends.add(producer.send(new ProducerRecord<>(Topics.INGEST_CURSORS.name(), c.id(), value)));
        }
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            throw new dev.stormwatch.ingest.publish.PublishException(
                    "could not store poll cursors on " + Topics.INGEST_CURSORS.name(), e);
        }
        updates.forEach(c -> cursors.put(c.id(), c));
    }

    public int size() {
        return cursors.size();
    }
}
