package dev.stormwatch.status.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The recent part of an append-only topic, ordered by when each record was written to it (its Kafka timestamp, which
 * the topic's retention also goes by): entries older than the window, and the oldest beyond {@code maxEntries}, leave
 * as new ones come; one entry per id. Adding costs a logarithmic insert and reads never copy the whole, so neither
 * grows with the months a service runs. Written by one thread (the replay), read by any.
 */
public final class RecentWindow<T> {

    /** Where an entry sits: its instant, then its id, which makes the order total and a page cursor stable. */
    public record Position(Instant at, String id) implements Comparable<Position> {

        @Override
        public int compareTo(Position o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }

        /** An opaque cursor for this position, safe in a URL. */
        public String cursor() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            (at.getEpochSecond() + "." + at.getNano() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** The position a {@link #cursor()} names; empty for anything else. */
        public static Optional<Position> ofCursor(String cursor) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = s.indexOf('|');
                int dot = s.indexOf('.');
                if (bar < 0 || dot < 0 || dot > bar) {
                    return Optional.empty();
                }
                Instant at = Instant.ofEpochSecond(
                        Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1, bar)));
                return Optional.of(new Position(at, s.substring(bar + 1)));
            } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        }
    }

    /** One page, oldest first, and the cursor of the next older page if there is one. */
    public record Page<T>(List<T> items, Optional<Position> older) {}

    private final ConcurrentSkipListMap<Position, T> entries = new ConcurrentSkipListMap<>();
    private final Map<String, Position> byId = new ConcurrentHashMap<>();
    private final Duration window;
    private final int maxEntries;
    private final Clock clock;

    public RecentWindow(Duration window, int maxEntries, Clock clock) {
        if (window == null || window.isNegative() || window.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException(
                    "a window needs a positive duration and count, not " + window + " and " + maxEntries);
        }
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * Adds an entry written at {@code at} (null: now) unless its id is held; false when it was held, or is older than
     * the window. An id that left the window is older than everything held, so a late copy of it leaves again at once.
     */
    public boolean add(String id, Instant at, T entry) {
        if (byId.containsKey(id)) {
            return false;
        }
        Position p = new Position(at != null ? at : clock.instant(), id);
        entries.put(p, entry);
        byId.put(id, p);
        evict();
        return byId.containsKey(id);
    }

    private void evict() {
        Instant horizon = clock.instant().minus(window);
        Map.Entry<Position, T> first;
        while ((first = entries.firstEntry()) != null
                && (entries.size() > maxEntries || first.getKey().at().isBefore(horizon))) {
            if (entries.remove(first.getKey()) != null) {
                byId.remove(first.getKey().id());
            }
        }
    }

    public int size() {
        return byId.size();
    }

    /** Every entry held, oldest first; a live view. */
    public Collection<T> values() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** The newest {@code limit} entries that match, older than {@code before} if given, oldest first. */
    public Page<T> page(Predicate<? super T> filter, Position before, int limit) {
        NavigableMap<Position, T> older = before == null
                ? entries.descendingMap()
                : entries.headMap(before, false).descendingMap();
        List<T> items = new ArrayList<>(Math.min(limit, 1024));
        Position last = null;
        boolean more = false;
        for (Map.Entry<Position, T> e : older.entrySet()) {
            if (!filter.test(e.getValue())) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        Collections.reverse(items);
        return new Page<>(items, more ? Optional.of(last) : Optional.empty());
    }
}
