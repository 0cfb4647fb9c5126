package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The latest snapshot of every incident, from {@code incidents.v1}; an older or equal version is ignored. The list the
 * API serves is prepared as records arrive: incidents are kept newest first, each with its JSON written once, so a
 * request filters and copies bytes instead of sorting and serialising every incident.
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

    /** One incident as the list serves it. */
    public record Listed(Incident incident, Position position, String json) {}

    private final Map<String, Listed> byId = new ConcurrentHashMap<>();
    private final NavigableMap<Position, Listed> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);

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
        Listed now = new Listed(incident, new Position(opened(incident), incident.id()), JsonCodec.toJson(incident));
        byId.put(incident.id(), now);
        newestFirst.put(now.position(), now);
        if (old != null && !old.position().equals(now.position())) {
            newestFirst.remove(old.position());
        }
    }

    public Optional<Incident> incident(String id) {
        return Optional.ofNullable(byId.get(id)).map(Listed::incident);
    }

    public Collection<Incident> all() {
        return byId.values().stream().map(Listed::incident).toList();
    }

    public long openCount(String platformId) {
        return byId.values().stream()
                .map(Listed::incident)
                .filter(i -> platformId.equals(i.platformId()) && i.state() == IncidentState.OPEN)
                .count();
    }

    /**
     * Up to {@code limit} matching incidents after {@code after} (null: from the newest), and how many match in all.
     */
    public Slice slice(Predicate<Incident> filter, Position after, int limit) {
        NavigableMap<Position, Listed> from = after == null ? newestFirst : newestFirst.tailMap(after, false);
        List<Listed> page = new ArrayList<>(Math.min(limit, 64));
        for (Listed listed : from.values()) {
            if (filter.test(listed.incident())) {
                if (page.size() == limit) {
                    return new Slice(page, page.get(limit - 1).position(), matching(filter));
                }
                page.add(listed);
            }
        }
        return new Slice(page, null, matching(filter));
    }

    private long matching(Predicate<Incident> filter) {
        long n = 0;
        for (Listed listed : newestFirst.values()) {
            if (filter.test(listed.incident())) {
                n++;
            }
        }
        return n;
    }

    /** One page of the list; {@code last} is where the next page starts after, or null on the last page. */
    public record Slice(List<Listed> incidents, Position last, long total) {}

    /** When an incident opened, for ordering and for the since/until filters: its impact start when it has no open. */
    public static Instant opened(Incident i) {
        return i.openedAt() != null ? i.openedAt() : i.impactStart();
    }
}
