package dev.stormwatch.correlator;

import dev.stormwatch.correlator.platform.StoreNames;
import dev.stormwatch.correlator.routing.CatalogCopies;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which catalog each platform applied last, by its position in catalog.v1: every routing task forwards its copy of a
 * catalog, so a platform applies the first copy and ignores the later ones and any older catalog's copy.
 */
final class CatalogPositions {

    private final KeyValueStore<String, Long> applied;

    CatalogPositions(ProcessingContext context) {
        this.applied = context.getStateStore(StoreNames.PLATFORM_CATALOG_POSITIONS);
    }

    /** The position of a catalog copy this platform has not applied yet; empty for a copy to ignore. */
    Optional<Long> fresh(String platformId, Headers headers) {
        Optional<Long> position = CatalogCopies.position(headers);
        if (position.isEmpty()) {
            // Not a copy (written without a position): applied as it comes.
            return Optional.of(-1L);
        }
        Long last = applied.get(platformId);
        return last != null && position.get() <= last ? Optional.empty() : position;
    }

    /** Remembers, once the catalog's changes are committed, that the platform applied it. */
    void applied(String platformId, long position) {
        if (position >= 0) {
            applied.put(platformId, position);
        }
    }
}
