package dev.stormwatch.correlator.intake;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.EventReader;
import dev.stormwatch.contracts.event.EventType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps a global store of what other services tell the readiness check (each subscription's resource providers'
 * locations from health-ingest, each platform's automation readiness from the notifier): the latest record per key, on
 * every instance, for any platform's task. A tombstone removes the key. A global store's processor cannot forward, so
 * an unreadable record is logged with its reason and the key keeps its last readable value.
 */
public final class ReadinessInputIntake<T> implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ReadinessInputIntake.class);

    private final String topic;
    private final String store;
    private final EventType<T> type;
    private final EventReader reader;
    private KeyValueStore<String, T> values;

    public ReadinessInputIntake(String topic, String store, EventType<T> type) {
        this.topic = topic;
        this.store = store;
        this.type = type;
        this.reader = EventReader.of(type);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        values = context.getStateStore(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warnf("%s: a record without a key is ignored", topic);
            return;
        }
        if (record.value() == null) {
            values.delete(record.key());
            return;
        }
        try {
            Envelope<?> event = reader.read(record.value());
            if (!event.is(type)) {
                LOG.warnf("%s key %s: type %s is not %s", topic, record.key(), event.type(), type);
                return;
            }
            values.put(record.key(), event.data(type));
        } catch (RuntimeException e) {
            LOG.warnf("%s key %s is not readable: %s", topic, record.key(), e.getMessage());
        }
    }
}
