package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The catalog of a platform as the notifier pages with it: the latest accepted one in the global {@code catalogs} store
 * ({@link CatalogScreen} keeps refused ones out), parsed once per CloudEvent id; a change is noticed through the small
 * {@code id/<platform>} entry.
 */
final class CatalogBook {

    private final KeyValueStore<String, CloudEvent> store;
    private final Map<String, Entry> parsed = new HashMap<>();

    private record Entry(String eventId, Catalog catalog) {}

    CatalogBook(KeyValueStore<String, CloudEvent> store) {
        this.store = store;
    }

    /** The catalog to page with for {@code platformId}, or null when there is none. */
    Catalog catalog(String platformId) {
        if (platformId == null
                || platformId.startsWith(CatalogScreen.REFUSED)
                || platformId.startsWith(CatalogScreen.ACCEPTED_ID)) {
            return null;
        }
        CloudEvent event;
        try {
            // The small id entry first: reading and parsing a whole catalog for every record would dominate the cost.
            CloudEvent id = store.get(CatalogScreen.ACCEPTED_ID + platformId);
            if (id == null) {
                parsed.remove(platformId);
                return null;
            }
            Entry cached = parsed.get(platformId);
            if (cached != null && cached.eventId().equals(id.id())) {
                return cached.catalog();
            }
            event = store.get(platformId);
        } catch (RuntimeException e) {
            return null; // unreadable: as good as none
        }
        if (event == null) {
            parsed.remove(platformId);
            return null;
        }
        Catalog catalog;
        try {
            catalog = JsonCodec.data(event, Catalog.class);
        } catch (RuntimeException e) {
            catalog = null; // the screen admits only readable catalogs; this cannot be paged with anyway
        }
        parsed.put(platformId, new Entry(event.id(), catalog));
        return catalog;
    }
}
