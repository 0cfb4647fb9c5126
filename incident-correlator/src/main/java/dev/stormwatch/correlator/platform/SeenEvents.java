package dev.stormwatch.correlator.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The CloudEvent ids a platform already applied, so that a re-delivered one is dropped; read from the store, written
 * through the view's pending writes like every other change.
 */
final class SeenEvents {

    private final String platformId;
    private final KeyValueStore<String, Long> seen;
    private final Consumer<Runnable> write;

    SeenEvents(String platformId, KeyValueStore<String, Long> seen, Consumer<Runnable> write) {
        this.platformId = platformId;
        this.seen = seen;
        this.write = write;
    }

    boolean firstSight(String cloudEventId, Instant now) {
        String key = StoreNames.key(platformId, cloudEventId);
        if (seen.get(key) != null) {
            return false;
        }
        write.accept(() -> seen.put(key, now.toEpochMilli()));
        return true;
    }

    int forgetBefore(Instant before) {
        List<String> old = new ArrayList<>();
        PlatformStores.scan(seen, platformId, (id, at) -> {
            if (at < before.toEpochMilli()) {
                old.add(id);
            }
        });
        old.forEach(id -> write.accept(() -> seen.delete(StoreNames.key(platformId, id))));
        return old.size();
    }
}
