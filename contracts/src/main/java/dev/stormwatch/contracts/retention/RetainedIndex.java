package dev.stormwatch.contracts.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A map for the in-memory indexes a service keeps over a topic (ids seen, pages sent, links used): an entry is
 * forgotten once it was last written longer ago than {@code retention} (normally the topic's own, so the index holds
 * what a freshly restarted instance would read back, no more), and the oldest writes go first once more than
 * {@code maxEntries} are held, so that memory stays bounded whatever the rate. Reads are lock-free; each write costs a
 * queue node, and eviction walks the queue from its head, oldest write first.
 */
public final class RetainedIndex<K, V> {

    /** One written value and when; compared by identity, so an eviction never removes a newer write of its key. */
    private static final class Slot<V> {
        final V value;
        final Instant at;

        Slot(V value, Instant at) {
            this.value = value;
            this.at = at;
        }
    }

    private record Write<K, V>(K key, Slot<V> slot) {}

    private final ConcurrentHashMap<K, Slot<V>> entries = new ConcurrentHashMap<>();
    /** Writes in the order they were made; a key written again leaves its older node behind, skipped when reached. */
    private final ConcurrentLinkedQueue<Write<K, V>> writes = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queued = new AtomicInteger();
    private final Duration retention;
    private final int maxEntries;
    private final Clock clock;

    public RetainedIndex(Duration retention, int maxEntries, Clock clock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.retention = retention;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public V get(K key) {
        Slot<V> slot = entries.get(key);
        return slot == null ? null : slot.value;
    }

    public Optional<V> find(K key) {
        return Optional.ofNullable(get(key));
    }

    public boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    /** Writes {@code value} as of {@code at} (null: now); returns the value it replaced. */
    public V put(K key, V value, Instant at) {
        Slot<V> slot = new Slot<>(Objects.requireNonNull(value, "value"), stamp(at));
        Slot<V> old = entries.put(key, slot);
        queue(key, slot);
        return old == null ? null : old.value;
    }

    /** Writes {@code value} as of {@code at} unless the key holds one; returns the value held before, or null. */
    public V putIfAbsent(K key, V value, Instant at) {
        Slot<V> slot = new Slot<>(Objects.requireNonNull(value, "value"), stamp(at));
        Slot<V> old = entries.putIfAbsent(key, slot);
        if (old != null) {
            return old.value;
        }
        queue(key, slot);
        return null;
    }

    /**
     * Replaces the key's value by {@code remap(key, current or null)} as of {@code at}, atomically for the key, and
     * returns it; a null result removes the key.
     */
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remap, Instant at) {
        Instant stamp = stamp(at);
        @SuppressWarnings("unchecked")
        Slot<V>[] written = new Slot[1];
        Slot<V> result = entries.compute(key, (k, old) -> {
            V value = remap.apply(k, old == null ? null : old.value);
            if (value == null) {
                return null;
            }
            written[0] = new Slot<>(value, stamp);
            return written[0];
        });
        if (written[0] != null) {
            queue(key, written[0]);
        }
        return result == null ? null : result.value;
    }

    public V remove(K key) {
        Slot<V> old = entries.remove(key);
        return old == null ? null : old.value;
    }

    public int size() {
        return entries.size();
    }

    /** The values held, a live view that iterates without locking. */
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                Iterator<Slot<V>> it = entries.values().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public V next() {
                        return it.next().value;
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    /** Forgets what is past the retention or beyond the count; writes do it as they go, a timer may call it too. */
    public void evict() {
        Instant horizon = clock.instant().minus(retention);
        synchronized (writes) {
            Write<K, V> head;
            while ((head = writes.peek()) != null) {
                boolean stale = entries.get(head.key()) != head.slot();
                if (!stale && entries.size() <= maxEntries && !head.slot().at.isBefore(horizon)) {
                    break;
                }
                writes.poll();
                queued.decrementAndGet();
                if (!stale) {
                    entries.remove(head.key(), head.slot());
                }
            }
            if (queued.get() > 2 * maxEntries) {
                // Keys written over and over leave nodes behind the head: drop them, so the queue stays within twice
                // the count.
                for (Iterator<Write<K, V>> it = writes.iterator(); it.hasNext(); ) {
                    Write<K, V> w = it.next();
                    if (entries.get(w.key()) != w.slot()) {
                        it.remove();
                        queued.decrementAndGet();
                    }
                }
            }
        }
    }

    private Instant stamp(Instant at) {
        return at != null ? at : clock.instant();
    }

    private void queue(K key, Slot<V> slot) {
        writes.add(new Write<>(key, slot));
        queued.incrementAndGet();
        evict();
    }
}
