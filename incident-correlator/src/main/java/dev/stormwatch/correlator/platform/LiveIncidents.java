package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.match.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A platform's live incidents (open or mitigated: the only ones a new event can join), indexed so that grouping an
 * event reads only the incidents it may join, however many are open:
 *
 * <ul>
 *   <li>by region: the regions of an incident's footprint and its own regions (an event joins only an incident that
 *       shares a region with one of its hits);
 *   <li>by time: buckets as wide as the grouping window, covering the incident's impact starts from the first to the
 *       last (an event joins only when its start lies within the window around them, so it can only meet the incidents
 *       of the buckets within one window of its start).
 * </ul>
 *
 * Each index alone yields every incident the event may join, and some it may not; a lookup reads the smaller share and
 * the grouping rule decides. An incident without an impact start may join at any time, and one whose impact starts span
 * more than {@link #MAX_BUCKETS} buckets is kept with those rather than in that many buckets: both are read by every
 * lookup.
 */
final class LiveIncidents {

    static final int MAX_BUCKETS = 64;

    private final Map<String, IncidentRecord> live = new LinkedHashMap<>();
    private final Map<String, Set<String>> byRegion = new HashMap<>();
    private final Map<Long, Set<String>> byBucket = new HashMap<>();
    private final Set<String> anyTime = new HashSet<>();
    /** The buckets' width: the window of the latest lookup; zero until the first, when the buckets are filled. */
    private long bucketMillis;

    static boolean isLive(IncidentRecord incident) {
        IncidentState state = incident.incident().state();
        return state == IncidentState.OPEN || state == IncidentState.MITIGATED;
    }

    Collection<IncidentRecord> all() {
        return Collections.unmodifiableCollection(live.values());
    }

    /** Keeps the incident while it is live, indexed as it is now; drops it once it is not. */
    void put(IncidentRecord incident) {
        IncidentRecord before = live.get(incident.id());
        if (!isLive(incident)) {
            remove(incident.id());
            return;
        }
        live.put(incident.id(), incident);
        if (before == null || !regions(before).equals(regions(incident))) {
            if (before != null) {
                regions(before).forEach(r -> unindex(byRegion, r, before.id()));
            }
            regions(incident)
                    .forEach(r ->
                            byRegion.computeIfAbsent(r, k -> new HashSet<>()).add(incident.id()));
        }
        if (bucketMillis > 0 && (before == null || !sameSpan(before, incident))) {
            if (before != null) {
                unindexTime(before);
            }
            indexTime(incident);
        }
    }

    void remove(String id) {
        IncidentRecord before = live.remove(id);
        if (before != null) {
            regions(before).forEach(r -> unindex(byRegion, r, id));
            if (bucketMillis > 0) {
                unindexTime(before);
            }
        }
    }

    /**
     * Live incidents that an event with these hits, starting at {@code start}, may join within {@code window}: every
     * one it may join, in no particular order, possibly with some it may not.
     */
    List<IncidentRecord> candidates(List<Hit> hits, Instant start, Duration window) {
        Duration reach = window.abs();
        long width = Math.max(1, reach.toMillis());
        if (width != bucketMillis) {
            bucketMillis = width;
            byBucket.clear();
            anyTime.clear();
            live.values().forEach(this::indexTime);
        }
        List<Set<String>> regional = new ArrayList<>();
        long regionalCount = 0;
        for (String region : hits.stream().map(Hit::region).distinct().toList()) {
            Set<String> ids = byRegion.get(region);
            if (ids != null) {
                regional.add(ids);
                regionalCount += ids.size();
            }
        }
        List<Set<String>> timed = new ArrayList<>(List.of(anyTime));
        long timedCount = anyTime.size();
        for (long b = bucket(start.minus(reach)); b <= bucket(start.plus(reach)); b++) {
            Set<String> ids = byBucket.get(b);
            if (ids != null) {
                timed.add(ids);
                timedCount += ids.size();
            }
        }
        Set<String> ids = new HashSet<>();
        (regionalCount <= timedCount ? regional : timed).forEach(ids::addAll);
        List<IncidentRecord> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(live.get(id)));
        return out;
    }

    /** The regions an event must hit to overlap the incident: those of its footprint and its own. */
    private static Set<String> regions(IncidentRecord incident) {
        Set<String> regions = new HashSet<>(incident.incident().regions());
        incident.footprint().forEach(h -> regions.add(h.region()));
        return regions;
    }

    private static boolean sameSpan(IncidentRecord a, IncidentRecord b) {
        return Objects.equals(a.incident().impactStart(), b.incident().impactStart())
                && Objects.equals(a.lastImpactStart(), b.lastImpactStart());
    }

    private void indexTime(IncidentRecord incident) {
        long[] span = span(incident);
        if (span == null) {
            anyTime.add(incident.id());
            return;
        }
        for (long b = span[0]; b <= span[1]; b++) {
            byBucket.computeIfAbsent(b, k -> new HashSet<>()).add(incident.id());
        }
    }

    private void unindexTime(IncidentRecord incident) {
        long[] span = span(incident);
        if (span == null) {
            anyTime.remove(incident.id());
            return;
        }
        for (long b = span[0]; b <= span[1]; b++) {
            unindex(byBucket, b, incident.id());
        }
    }

    /** The first and last bucket of the incident's impact starts; null when it belongs to every lookup. */
    private long[] span(IncidentRecord incident) {
        Instant first = incident.incident().impactStart();
        if (first == null) {
            return null;
        }
        Instant last = incident.lastImpactStart() == null ? first : incident.lastImpactStart();
        long a = bucket(first);
        long b = bucket(last);
        long from = Math.min(a, b);
        long to = Math.max(a, b);
        return to - from >= MAX_BUCKETS ? null : new long[] {from, to};
    }

    private long bucket(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), bucketMillis);
    }

    private static <K> void unindex(Map<K, Set<String>> index, K key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }
}
