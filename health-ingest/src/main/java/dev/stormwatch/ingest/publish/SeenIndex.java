package dev.stormwatch.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.retention.RetainedIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which updates were already published, per fact: the CloudEvent ids and their update times. A fact is one (key of
 * health-events.v1, service, subscription) — {@link #fact(HealthEvent)} — so the same tracking id for another
 * subscription or another service is never taken for an older copy. Rebuilt from the topic at startup and kept current
 * by tailing it ({@link SeenIndexLoader}), so that it survives a restart and sees what other instances publish. An
 * update is new unless its id was seen (duplicate) or it is older than the newest update seen for its fact (stale: an
 * older update never rolls the state back).
 *
 * <p>Bounded: a fact not written for longer than the retention (health-events.v1's by default) is forgotten, at most
 * {@code maxFacts} are held (least recently written go first) and at most {@code maxIdsPerFact} ids per fact (oldest
 * first; an older id only tells a duplicate from a stale copy, both are turned away).
 */
public final class SeenIndex {

    public enum Verdict {
        NEW,
        DUPLICATE,
        STALE
    }

    /** Facts held at most, by default: a few years of Azure's updates for hundreds of subscriptions. */
    public static final int DEFAULT_MAX_FACTS = 200_000;
    /** Ids held per fact at most, by default: more than the updates Azure publishes for one incident. */
    public static final int DEFAULT_MAX_IDS_PER_FACT = 32;

    private static final class KeyState {
        final Map<String, Instant> ids;
        Instant newest;

        KeyState(int maxIds) {
            ids = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                    return size() > maxIds;
                }
            };
        }
    }

    // A fact evicted after the retention cannot come back as a duplicate: health-events.v1 no longer holds it either,
    // so a restarted instance would not know it, and Azure's retries, Event Hubs' retention and the poll cursors stop
    // redelivering an update long before that.
    private final RetainedIndex<String, KeyState> byKey;
    private final int maxIdsPerFact;

    /**
     * With the defaults: health-events.v1's retention, {@link #DEFAULT_MAX_FACTS}, {@link #DEFAULT_MAX_IDS_PER_FACT}.
     */
    public SeenIndex() {
        this(Topics.HEALTH_EVENTS.retention(), DEFAULT_MAX_FACTS, DEFAULT_MAX_IDS_PER_FACT, Clock.systemUTC());
    }

    public SeenIndex(Duration retention, int maxFacts, int maxIdsPerFact, Clock clock) {
        this.byKey = new RetainedIndex<>(retention, maxFacts, clock);
        this.maxIdsPerFact = maxIdsPerFact;
    }

    /** The fact an event is an update of: its key, its (first) service and its subscription, lower-cased. */
    public static String fact(HealthEvent e) {
        return fact(e.key(), e.impacted().isEmpty() ? null : e.impacted().get(0).service(), e.subscriptionId());
    }

    /** The fact of an update with Kafka key {@code key}, its first impacted service and its subscription. */
    static String fact(String key, String service, String subscription) {
        return (key == null ? "" : key.toLowerCase(Locale.ROOT))
                + '|'
                + (service == null ? "" : service.toLowerCase(Locale.ROOT))
                + '|'
                + (subscription == null ? "" : subscription.toLowerCase(Locale.ROOT));
    }

    private final CountDownLatch loaded = new CountDownLatch(1);

    /** Decides on an update and, when new, records it at once so that a concurrent copy is a duplicate. */
    public Verdict admit(String fact, String id, Instant lastUpdate) {
        KeyState state = touch(fact, null);
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
                state.newest = state.ids.values().stream()
                        .filter(java.util.Objects::nonNull)
                        .max(Instant::compareTo)
                        .orElse(null);
            }
        }
    }

    /** Records an update read back from the topic, under its {@link #fact(String, JsonNode) fact}, as of now. */
    public void record(String fact, String id, Instant lastUpdate) {
        record(fact, id, lastUpdate, null);
    }

    /** Records an update read back from the topic, written there at {@code storedAt} (the record's timestamp). */
    public void record(String fact, String id, Instant lastUpdate, Instant storedAt) {
        KeyState state = touch(fact, storedAt);
        synchronized (state) {
            put(state, id, lastUpdate);
        }
    }

    /** The fact's state, written anew as of {@code at} (null: now) so that it stays while it is in use. */
    private KeyState touch(String fact, Instant at) {
        return byKey.compute(fact, (k, old) -> old != null ? old : new KeyState(maxIdsPerFact), at);
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

    /** Ids held over every fact. */
    public int ids() {
        int n = 0;
        for (KeyState state : byKey.values()) {
            synchronized (state) {
                n += state.ids.size();
            }
        }
        return n;
    }
}
