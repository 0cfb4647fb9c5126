package dev.stormwatch.correlator.intake;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.correlator.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global {@code provider-locations} store from {@code provider-locations.v1}: the latest answer of each
 * subscription's resource providers, on every instance, for the readiness check of any platform. A tombstone removes a
 * subscription. A global store's processor cannot forward, so an unreadable record is logged with its reason and the
 * subscription keeps its last readable answer.
 */
public final class ProviderLocationsIntake implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ProviderLocationsIntake.class);

    private KeyValueStore<String, ProviderLocations> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.PROVIDER_LOCATIONS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("provider-locations.v1: a record without a key (subscription id) is ignored");
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            CloudEvent event = JsonCodec.fromJson(record.value(), CloudEvent.class);
            if (!EventTypes.PROVIDER_LOCATIONS.equals(event.type())) {
                LOG.warnf(
                        "provider-locations.v1 key %s: type %s is not %s",
                        record.key(), event.type(), EventTypes.PROVIDER_LOCATIONS);
                return;
            }
            store.put(record.key(), JsonCodec.data(event, ProviderLocations.class));
        } catch (RuntimeException e) {
            LOG.warnf("provider-locations.v1 key %s is not readable: %s", record.key(), e.getMessage());
        }
    }
}
