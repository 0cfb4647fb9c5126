package dev.stormwatch.contracts.catalog;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import java.time.Instant;

/**
 * A catalog as {@code catalog.v1} carries it, whoever publishes it (status-api's upload, the launcher, tests). The
 * CloudEvent id is the platform and a hash of the parsed catalog, not of its YAML text: the same plan published twice,
 * or reformatted, is one event to every idempotent consumer.
 */
public final class CatalogEvent {

    private CatalogEvent() {}

    public static CloudEvent envelope(Catalog catalog, String source, Instant at) {
        String id = "catalog:" + catalog.platformId() + ":" + ContentHash.hex(12, JsonCodec.toBytes(catalog));
        return JsonCodec.envelope(id, EventTypes.CATALOG, source, catalog.platformId(), at, false, catalog);
    }
}
