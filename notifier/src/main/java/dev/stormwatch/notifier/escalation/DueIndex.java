package dev.stormwatch.notifier.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * When each key of a store next needs attention, in memory, so that a tick looks only at what is due instead of reading
 * the whole store. Rebuilt from the store when a task starts (the store is the truth; this is an index).
 */
final class DueIndex {

    private record Entry(Instant due, String key) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final TreeSet<Entry> byDue = new TreeSet<>();
    private final Map<String, Instant> byKey = new HashMap<>();

    /** Sets when {@code key} is due; null: not due at all. */
    void put(String key, Instant due) {
        Instant old = byKey.remove(key);
        if (old != null) {
            byDue.remove(new Entry(old, key));
        }
        if (due != null) {
            byKey.put(key, due);
            byDue.add(new Entry(due, key));
        }
    }

    /** Removes and returns the keys due at {@code now}, earliest first. */
    List<String> pollDue(Instant now) {
        List<String> keys = new ArrayList<>();
        while (!byDue.isEmpty() && !byDue.first().due().isAfter(now)) {
            Entry e = byDue.pollFirst();
            byKey.remove(e.key());
            keys.add(e.key());
        }
        return keys;
    }

    /** The earliest instant any key is due; null when none is. */
    Instant next() {
        return byDue.isEmpty() ? null : byDue.first().due();
    }

    boolean anyDue(Instant now) {
        return !byDue.isEmpty() && !byDue.first().due().isAfter(now);
    }

    int size() {
        return byKey.size();
    }
}
