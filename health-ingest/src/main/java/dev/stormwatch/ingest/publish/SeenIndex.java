package dev.stormwatch.ingest.publish;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which updates were already published, per key of health-events.v1: the CloudEvent ids and their update times.
 * Rebuilt from the topic at startup and kept current by tailing it ({@link SeenIndexLoader}), so that it survives a
 * restart and sees what other instances publish. An update is new unless its id was seen (duplicate) or it is older
 * than the newest update seen for its key (stale: an older update never rolls the state back).
 */
public final class SeenIndex {

    public enum Verdict { NEW, DUPLICATE, STALE }

    private static final class KeyState {
        final Map<String, Instant> ids = new HashMap<>();
        Instant newest;
    }

    private final Map<String, KeyState> byKey = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    /** Decides on an update and, when new, records it at once so that a concurrent copy is a duplicate. */
    public Verdict admit(String key, String id, Instant lastUpdate) {
        KeyState state = byKey.computeIfAbsent(key, k -> new KeyState());
        synchronized (state) {
            if (state.ids.containsKey(id)) {
                return Verdict.DUPLICATE;
            }
            if (lastUpdate != null && state.newest != null && lastUpdate.isBefore(state.newest)) {
                return Verdict.STALE;
            }
            put(state, id, lastUpdate);
            return Verdict.NEW;
        }
    }

    /** Undoes {@link #admit} for an update that could not be published, so that a retry is not a duplicate. */
    public void forget(String key, String id) {
        KeyState state = byKey.get(key);
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.ids.remove(id) != null) {
                state.newest = state.ids.values().stream().filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
            }
        }
    }

    /** Records an update read back from the topic. */
    public void record(String key, String id, Instant lastUpdate) {
        KeyState state = byKey.computeIfAbsent(key, k -> new KeyState());
        synchronized (state) {
            put(state, id, lastUpdate);
        }
    }

    private static void put(KeyState state, String id, Instant lastUpdate) {
        state.ids.put(id, lastUpdate);
        if (lastUpdate != null && (state.newest == null || lastUpdate.isAfter(state.newest))) {
            state.newest = lastUpdate;
        }
    }

    public void markLoaded() {
        loaded.countDown();
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    public boolean awaitLoaded(java.time.Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int keys() {
        return byKey.size();
    }
}
