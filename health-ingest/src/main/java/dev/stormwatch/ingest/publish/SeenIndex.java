package dev.stormwatch.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.health.HealthEvent;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which updates were already published, per fact: the CloudEvent ids and their update times. A fact is one
 * (key of health-events.v1, service, subscription) — {@link #fact(HealthEvent)} — so the same tracking id for another
 * subscription or another service is never taken for an older copy. Rebuilt from the topic at startup and kept
 * current by tailing it ({@link SeenIndexLoader}), so that it survives a restart and sees what other instances
 * publish. An update is new unless its id was seen (duplicate) or it is older than the newest update seen for its
 * fact (stale: an older update never rolls the state back).
 */
public final class SeenIndex {

    public enum Verdict { NEW, DUPLICATE, STALE }

    private static final class KeyState {
        final Map<String, Instant> ids = new HashMap<>();
        Instant newest;
    }

    private final Map<String, KeyState> byKey = new ConcurrentHashMap<>();

    /** The fact an event is an update of: its key, its (first) service and its subscription, lower-cased. */
    public static String fact(HealthEvent e) {
        return fact(e.key(), e.impacted().isEmpty() ? null : e.impacted().get(0).service(), e.subscriptionId());
    }

    /** The fact of a record read back from the topic: its Kafka key and the {@code data} of its CloudEvent. */
    public static String fact(String kafkaKey, JsonNode data) {
        JsonNode impacted = data.path("impacted");
        String service = impacted.isArray() && !impacted.isEmpty() ? impacted.get(0).path("service").asText(null) : null;
        return fact(kafkaKey, service, data.path("subscriptionId").asText(null));
    }

    private static String fact(String key, String service, String subscription) {
        return (key == null ? "" : key.toLowerCase(Locale.ROOT)) + '|' + (service == null ? "" : service.toLowerCase(Locale.ROOT))
                + '|' + (subscription == null ? "" : subscription.toLowerCase(Locale.ROOT));
    }
    private final CountDownLatch loaded = new CountDownLatch(1);

    /** Decides on an update and, when new, records it at once so that a concurrent copy is a duplicate. */
    public Verdict admit(String fact, String id, Instant lastUpdate) {
        KeyState state = byKey.computeIfAbsent(fact, k -> new KeyState());
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
    public void forget(String fact, String id) {
        KeyState state = byKey.get(fact);
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.ids.remove(id) != null) {
                state.newest = state.ids.values().stream().filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
            }
        }
    }

    /** Records an update read back from the topic, under its {@link #fact(String, JsonNode) fact}. */
    public void record(String fact, String id, Instant lastUpdate) {
        KeyState state = byKey.computeIfAbsent(fact, k -> new KeyState());
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
