package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-keys the correlator's input by platform: a catalog goes to its own platform (and into the index), a health
 * event to every platform whose catalog it hits. Runs as one task over a one-partition topic, so that it sees every
 * catalog and every event in one order: an event is matched against the catalogs published before it.
 * <p>
 * An event that hits no platform is not ours to correlate; it is counted ({@link #unmatched()}) and goes no further.
 */
public final class PlatformRouter implements Processor<String, CloudEvent, String, CloudEvent> {

    private static final AtomicLong UNMATCHED = new AtomicLong();

    private ProcessorContext<String, CloudEvent> context;
    private KeyValueStore<String, Catalog> catalogs;
    /** Built from the store on first use after (re)initialisation, kept in step with it after. */
    private RoutingIndex index;

    /** Health events that hit no platform since this JVM started. */
    public static long unmatched() {
        return UNMATCHED.get();
    }

    @Override
    public void init(ProcessorContext<String, CloudEvent> context) {
        this.context = context;
        this.catalogs = context.getStateStore(StoreNames.ROUTING_CATALOGS);
        this.index = null;
    }

    @Override
    public void process(Record<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null) {
            // catalog.v1 tombstone, key = platform id: the platform is gone.
            if (record.key() != null) {
                catalogs.delete(record.key());
                index().remove(record.key());
                context.forward(record);
            }
            return;
        }
        switch (event.type()) {
            case EventTypes.CATALOG -> {
                Catalog catalog = JsonCodec.data(event, Catalog.class);
                catalogs.put(catalog.platformId(), catalog);
                index().put(catalog);
                context.forward(record.withKey(catalog.platformId()));
            }
            case EventTypes.HEALTH_EVENT -> {
                HealthEvent health = JsonCodec.data(event, HealthEvent.class);
                var platforms = index().platformsHitBy(health);
                if (platforms.isEmpty()) {
                    UNMATCHED.incrementAndGet();
                }
                for (String platformId : platforms) {
                    context.forward(record.withKey(platformId));
                }
            }
            default -> throw new IllegalStateException("router got a " + event.type() + " record; the decoder lets only"
                    + " catalogs and health events through to it");
        }
    }

    private RoutingIndex index() {
        if (index == null) {
            RoutingIndex built = new RoutingIndex();
            try (KeyValueIterator<String, Catalog> all = catalogs.all()) {
                all.forEachRemaining(kv -> built.put(kv.value));
            }
            index = built;
        }
        return index;
    }
}
