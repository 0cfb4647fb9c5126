package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest snapshot of every incident, from {@code incidents.v1}; an older or equal version is ignored. The list the
 * API serves is prepared as records arrive: incidents are kept newest first, each with its summary (no timeline)
 * written once as UTF-8 JSON, and counts by platform, state, severity and drill kept up to date, so a request walks
 * only the page it answers and copies bytes instead of sorting, counting and serialising every incident.
 */
@Singleton
public class IncidentView implements TopicView {

    /** Newest first (by when the incident opened, unknown last), then by id so that two never compare equal. */
    static final Comparator<Position> NEWEST_FIRST = Comparator.comparing(
                    Position::opened, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Position::id);

    /** Where an incident sits in the list; also the page cursor, which stays valid when that incident changes. */
    public record Position(Instant opened, String id) {

        public String cursor() {
            String text = (opened == null ? "-" : Long.toString(opened.toEpochMilli())) + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        /** The position a cursor names, or empty when the text is not a cursor this view gave out. */
        public static Optional<Position> ofCursor(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                if (colon < 1 || colon == text.length() - 1) {
                    return Optional.empty();
                }
                String millis = text.substring(0, colon);
                Instant opened = millis.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(millis));
                return Optional.of(new Position(opened, text.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** One incident: its snapshot, its place in the list and its summary as the list writes it (UTF-8 JSON). */
    public record Listed(Incident incident, Position position, byte[] summary) {}

    /** What the counts are kept by, within one platform. */
    private record Facet(IncidentState state, Severity severity, boolean drill) {}

    private final Map<String, Listed> byId = new ConcurrentHashMap<>();
    private final NavigableMap<Position, Listed> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    /**
     * How many incidents each platform has per state, severity and drill, kept as records arrive: a count answers from
     * a few numbers instead of walking every incident. Entries that reach zero leave, so it holds no more than the
     * list.
     */
    private final Map<String, Map<Facet, AtomicLong>> counts = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INCIDENTS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone()) {
            Listed gone = byId.remove(record.key());
            if (gone != null) {
                newestFirst.remove(gone.position());
                count(gone.incident(), -1);
            }
            return;
        }
        if (!EventTypes.INCIDENT.equals(record.event().type())) {
            return;
        }
        Incident incident = JsonCodec.data(record.event(), Incident.class);
        Listed old = byId.get(incident.id());
        if (old != null && incident.version() <= old.incident().version()) {
            return;
        }
        Listed now = new Listed(
                incident,
                new Position(opened(incident), incident.id()),
                JsonCodec.toBytes(IncidentSummary.of(incident)));
        byId.put(incident.id(), now);
        newestFirst.put(now.position(), now);
        count(incident, 1);
        if (old != null) {
            if (!old.position().equals(now.position())) {
                newestFirst.remove(old.position());
            }
            count(old.incident(), -1);
        }
    }

    /** Called from the replay thread only, so a count and its removal at zero do not race with another change. */
    private void count(Incident i, int delta) {
        Map<Facet, AtomicLong> platform = counts.computeIfAbsent(platformOf(i), p -> new ConcurrentHashMap<>());
        Facet facet = new Facet(i.state(), i.severity(), i.drill());
        if (platform.computeIfAbsent(facet, f -> new AtomicLong()).addAndGet(delta) == 0) {
            platform.remove(facet);
            if (platform.isEmpty()) {
                counts.remove(platformOf(i));
            }
        }
    }

    /** The platform an incident counts under; one without a platform id under the empty id. */
    static String platformOf(Incident i) {
        return i.platformId() == null ? "" : i.platformId();
    }

    public Optional<Incident> incident(String id) {
        return Optional.ofNullable(byId.get(id)).map(Listed::incident);
    }

    public Collection<Incident> all() {
        return byId.values().stream().map(Listed::incident).toList();
    }

    public long openCount(String platformId) {
        return count(new IncidentFilter(Set.of(IncidentState.OPEN), Set.of(), Set.of(platformId), null, null, null));
    }

    /** How many incidents the filter selects: from the kept counts, or by walking its time range when it has one. */
    public long count(IncidentFilter filter) {
        if (filter.selectsAll()) {
            return byId.size();
        }
        if (filter.timeBounded()) {
            long n = 0;
            for (Listed listed : from(filter, null).values()) {
                if (before(filter, listed)) {
                    break;
                }
                if (filter.matches(listed.incident())) {
                    n++;
                }
            }
            return n;
        }
        Collection<Map<Facet, AtomicLong>> platforms = filter.platforms().isEmpty()
                ? counts.values()
                : filter.platforms().stream()
                        .map(counts::get)
                        .filter(Objects::nonNull)
                        .toList();
        long n = 0;
        for (Map<Facet, AtomicLong> platform : platforms) {
            for (Map.Entry<Facet, AtomicLong> e : platform.entrySet()) {
                if (filter.matches(
                        e.getKey().state(), e.getKey().severity(), e.getKey().drill())) {
                    n += e.getValue().get();
                }
            }
        }
        return n;
    }

    /**
     * Up to {@code limit} matching incidents after {@code after} (null: from the newest), and how many match in all.
     * Walks the list from the cursor (or the filter's {@code until}) and stops at the first incident past the page or
     * opened before the filter's {@code from}: the newest page of the whole list reads {@code limit} entries.
     */
    public Slice slice(IncidentFilter filter, Position after, int limit) {
        List<Listed> page = new ArrayList<>(Math.min(limit, 128));
        Position last = null;
        for (Listed listed : from(filter, after).values()) {
            if (before(filter, listed)) {
                break;
            }
            if (filter.matches(listed.incident())) {
                if (page.size() == limit) {
                    last = page.get(limit - 1).position();
                    break;
                }
                page.add(listed);
            }
        }
        return new Slice(page, last, count(filter));
    }

    /**
     * The list from where a page of the filter starts: after the cursor, or at its {@code until}, whichever is later.
     */
    private NavigableMap<Position, Listed> from(IncidentFilter filter, Position after) {
        // Sorts before every incident opened at until (no id is smaller than the empty one), after every newer one.
        Position top = filter.until() == null ? null : new Position(filter.until(), "");
        if (top == null || (after != null && NEWEST_FIRST.compare(after, top) >= 0)) {
            return after == null ? newestFirst : newestFirst.tailMap(after, false);
        }
        return newestFirst.tailMap(top, true);
    }

    /** True when this incident, and so every one after it, opened before the filter's {@code from} (or never). */
    private static boolean before(IncidentFilter filter, Listed listed) {
        Instant opened = listed.position().opened();
        return filter.from() != null && (opened == null || opened.isBefore(filter.from()));
    }

    /** One page of the list; {@code last} is where the next page starts after, or null on the last page. */
    public record Slice(List<Listed> incidents, Position last, long total) {}

    /** When an incident opened, for ordering and for the since/until filters: its impact start when it has no open. */
    public static Instant opened(Incident i) {
        return i.openedAt() != null ? i.openedAt() : i.impactStart();
    }
}
