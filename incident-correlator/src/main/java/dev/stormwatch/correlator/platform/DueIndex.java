package dev.stormwatch.correlator.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The instant each key is due from, in time order, so that a timer reads only the keys that fell due instead of reading
 * (and decoding) every one. The router keeps one in step with each write to a store it mirrors (built from the store,
 * one key and one instant per entry, the store staying the truth); the platform correlator keeps one of the instant
 * each platform's timers next have something to do.
 */
public final class DueIndex {

    private record Entry(Instant at, String key) {}

    /** The order of a store's keys: their UTF-8 bytes, compared unsigned (as the stores iterate them). */
    public static final Comparator<String> STORE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, Instant> at = new HashMap<>();
    private final TreeSet<Entry> byTime =
            new TreeSet<>(Comparator.comparing(Entry::at).thenComparing(Entry::key));

    /** The index of a store as it is now: each entry due from {@code due} of its value. */
    public static <V> DueIndex of(KeyValueStore<String, V> store, Function<V, Instant> due) {
        DueIndex index = new DueIndex();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(kv -> index.put(kv.key, due.apply(kv.value)));
        }
        return index;
    }

    public void put(String key, Instant when) {
        Instant before = at.put(key, when);
        if (before != null) {
            byTime.remove(new Entry(before, key));
        }
        byTime.add(new Entry(when, key));
    }

    public void remove(String key) {
        Instant before = at.remove(key);
        if (before != null) {
            byTime.remove(new Entry(before, key));
        }
    }

    /** The keys due strictly before {@code bound}, in the store's key order. */
    public List<String> before(Instant bound) {
        List<String> due = new ArrayList<>();
        for (Entry e : byTime) {
            if (!e.at().isBefore(bound)) {
                break;
            }
            due.add(e.key());
        }
        due.sort(STORE_ORDER);
        return due;
    }

    public void clear() {
        at.clear();
        byTime.clear();
    }

    public int size() {
        return at.size();
    }
}
