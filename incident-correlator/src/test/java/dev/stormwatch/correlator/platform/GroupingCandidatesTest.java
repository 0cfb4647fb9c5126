package dev.stormwatch.correlator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.incident.IncidentGrouping;
import dev.stormwatch.correlator.match.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Grouping through the live incidents' region and time index picks exactly the incident a scan of every incident in
 * opening order picks, and the index hands grouping every incident an event may join.
 */
class GroupingCandidatesTest {

    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration WINDOW = Duration.ofHours(2);
    static final List<IncidentState> STATES =
            List.of(IncidentState.OPEN, IncidentState.MITIGATED, IncidentState.RESOLVED, IncidentState.CLOSED);

    @Test
    void theIndexedLookupPicksWhatAScanOfEveryIncidentInOpeningOrderPicks() {
        SplittableRandom rnd = new SplittableRandom(20261207L);
        IncidentIndex index = new IncidentIndex();
        List<String> ids = new ArrayList<>();
        int joined = 0;
        int lookups = 0;
        for (Duration window : List.of(WINDOW, Duration.ofMinutes(30), WINDOW)) {
            IncidentGrouping grouping = new IncidentGrouping(window);
            for (int step = 0; step < 4_000; step++) {
                int op = rnd.nextInt(100);
                if (op < 40 || ids.isEmpty()) {
                    String id = ids.size() < 250 && (ids.isEmpty() || rnd.nextInt(3) == 0)
                            ? "inc-" + ids.size()
                            : ids.get(rnd.nextInt(ids.size()));
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                    index.put(randomIncident(rnd, id, index, window));
                } else if (op < 45) {
                    index.remove(ids.get(rnd.nextInt(ids.size())));
                } else {
                    EventRecord event = randomEvent(rnd, index, window);
                    Optional<IncidentRecord> scanned = scanInOpeningOrder(grouping, index.all(), event);
                    List<IncidentRecord> candidates = index.groupingCandidates(event.hits(), event.start(), window);
                    for (IncidentRecord i : index.all()) {
                        if (grouping.find(List.of(i), event).isPresent()) {
                            assertTrue(candidates.contains(i), i.id() + " may be joined but is no candidate");
                        }
                    }
                    assertTrue(index.live().containsAll(candidates), "candidates are live incidents");
                    assertEquals(scanned, grouping.find(candidates, event), "step " + step + ", window " + window);
                    lookups++;
                    joined += scanned.isPresent() ? 1 : 0;
                }
            }
        }
        // Both outcomes are common, so the comparison means something either way.
        assertTrue(joined > lookups / 10 && joined < lookups * 9 / 10, joined + " of " + lookups + " joined");
    }

    @Test
    void theWindowRunsFromTheFirstImpactStartMinusTheWindowToTheLastPlusTheWindow() {
        IncidentIndex index = new IncidentIndex();
        IncidentGrouping grouping = new IncidentGrouping(WINDOW);
        Hit app = new Hit("app", "westeurope");
        index.put(incident(
                "a", T, IncidentState.OPEN, T, T.plus(Duration.ofHours(1)), List.of(app), List.of("westeurope")));

        assertJoins(index, grouping, "a", event(app, T.minus(WINDOW)));
        assertJoins(index, grouping, null, event(app, T.minus(WINDOW).minusMillis(1)));
        assertJoins(index, grouping, "a", event(app, T.plus(Duration.ofHours(3))));
        assertJoins(
                index, grouping, null, event(app, T.plus(Duration.ofHours(3)).plusMillis(1)));
        // The same component in another region is another deployment; the same region is the same outage.
        assertJoins(index, grouping, null, event(new Hit("app", "northeurope"), T));
        assertJoins(index, grouping, "a", event(new Hit("db", "westeurope"), T));

        // Without a last impact start the window is around the first one.
        index.put(incident("a", T, IncidentState.OPEN, T, null, List.of(app), List.of()));
        assertJoins(index, grouping, "a", event(app, T.plus(WINDOW)));
        assertJoins(index, grouping, null, event(app, T.plus(WINDOW).plusMillis(1)));

        // The span moved on: the incident is found where it reaches now, and no longer where it does not.
        Instant later = T.plus(Duration.ofHours(30));
        index.put(incident("a", T, IncidentState.MITIGATED, later, later, List.of(app), List.of()));
        assertJoins(index, grouping, null, event(app, T));
        assertJoins(index, grouping, "a", event(app, later.plus(WINDOW)));

        // Resolved: nothing joins it any more.
        index.put(incident("a", T, IncidentState.RESOLVED, later, later, List.of(app), List.of()));
        assertJoins(index, grouping, null, event(app, later));
        assertTrue(index.groupingCandidates(List.of(app), later, WINDOW).isEmpty());
    }

    @Test
    void anIncidentWithoutImpactStartOrWithAVeryLongSpanIsACandidateAtAnyTime() {
        IncidentIndex index = new IncidentIndex();
        IncidentGrouping grouping = new IncidentGrouping(WINDOW);
        Hit app = new Hit("app", "westeurope");
        index.put(incident("undated", T, IncidentState.OPEN, null, null, List.of(), List.of("westeurope")));
        Instant farLater = T.plus(Duration.ofDays(400));
        assertJoins(index, grouping, "undated", event(app, farLater));

        // Impact starts 30 days apart (more buckets than an incident is spread over): found at both ends and between.
        index.put(incident(
                "long",
                T.minusSeconds(60),
                IncidentState.OPEN,
                T,
                T.plus(Duration.ofDays(30)),
                List.of(app),
                List.of()));
        assertJoins(index, grouping, "long", event(app, T.plus(Duration.ofDays(15))));
        assertJoins(
                index, grouping, "long", event(app, T.plus(Duration.ofDays(30)).plus(WINDOW)));
        assertJoins(
                index,
                grouping,
                "undated",
                event(app, T.plus(Duration.ofDays(30)).plus(WINDOW).plusMillis(1)));
    }

    @Test
    void amongSeveralTheEarliestOpenedWinsThenTheSmallerId() {
        IncidentIndex index = new IncidentIndex();
        IncidentGrouping grouping = new IncidentGrouping(WINDOW);
        Hit app = new Hit("app", "westeurope");
        index.put(incident("c", T.plusSeconds(5), IncidentState.OPEN, T, null, List.of(app), List.of()));
        index.put(incident("b", T.plusSeconds(1), IncidentState.MITIGATED, T, null, List.of(app), List.of()));
        index.put(incident("a", T.plusSeconds(1), IncidentState.OPEN, T, null, List.of(app), List.of()));
        assertJoins(index, grouping, "a", event(app, T));
        index.remove("a");
        assertJoins(index, grouping, "b", event(app, T));
        index.put(incident("b", T.plusSeconds(1), IncidentState.CLOSED, T, null, List.of(app), List.of()));
        assertJoins(index, grouping, "c", event(app, T));
    }

    static void assertJoins(IncidentIndex index, IncidentGrouping grouping, String expected, EventRecord event) {
        Optional<String> indexed = grouping.find(index.groupingCandidates(event.hits(), event.start(), WINDOW), event)
                .map(IncidentRecord::id);
        assertEquals(Optional.ofNullable(expected), indexed, "indexed lookup at " + event.start());
        assertEquals(
                Optional.ofNullable(expected),
                scanInOpeningOrder(grouping, index.all(), event).map(IncidentRecord::id),
                "scan at " + event.start());
    }

    /** Grouping as a scan: every incident oldest first (opening time, then id), the first one the event joins. */
    static Optional<IncidentRecord> scanInOpeningOrder(
            IncidentGrouping grouping, List<IncidentRecord> incidents, EventRecord event) {
        return incidents.stream()
                .sorted(Comparator.comparing((IncidentRecord i) -> i.incident().openedAt())
                        .thenComparing(IncidentRecord::id))
                .filter(i -> grouping.find(List.of(i), event).isPresent())
                .findFirst();
    }

    static IncidentRecord randomIncident(SplittableRandom rnd, String id, IncidentIndex index, Duration window) {
        IncidentRecord before = index.get(id);
        Instant openedAt = before != null ? before.incident().openedAt() : T.plusSeconds(60L * rnd.nextInt(20));
        Instant first = rnd.nextInt(60) == 0 ? null : randomInstant(rnd, index, window);
        Instant last = first == null || rnd.nextInt(3) == 0
                ? null
                : switch (rnd.nextInt(40)) {
                    case 0, 1, 2, 3, 4, 5, 6, 7 -> first.minus(Duration.ofMinutes(rnd.nextInt(180)));
                    case 8 -> first.plus(Duration.ofDays(20 + rnd.nextInt(20)));
                    default -> first.plus(Duration.ofMinutes(rnd.nextInt(600)));
                };
        List<Hit> footprint = new ArrayList<>();
        for (int n = rnd.nextInt(4); n > 0; n--) {
            footprint.add(randomHit(rnd));
        }
        List<String> regions = new ArrayList<>();
        for (int n = rnd.nextInt(3); n > 0; n--) {
            regions.add("region-" + rnd.nextInt(12));
        }
        IncidentState state = STATES.get(rnd.nextInt(10) < 7 ? rnd.nextInt(2) : 2 + rnd.nextInt(2));
        return record(
                id,
                openedAt,
                state,
                first,
                last,
                footprint,
                regions.stream().distinct().toList(),
                rnd.nextInt(6) == 0,
                rnd.nextInt(6) == 0);
    }

    static EventRecord randomEvent(SplittableRandom rnd, IncidentIndex index, Duration window) {
        List<Hit> hits = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
            hits.add(randomHit(rnd));
        }
        Instant start = randomInstant(rnd, index, window);
        boolean noImpactStart = rnd.nextInt(5) == 0;
        return event(hits, noImpactStart ? null : start, start, rnd.nextInt(6) == 0, rnd.nextInt(6) == 0);
    }

    static Hit randomHit(SplittableRandom rnd) {
        return new Hit("component-" + rnd.nextInt(8), "region-" + rnd.nextInt(12));
    }

    /** Mostly anywhere within a week; often exactly on (or a millisecond beside) a live incident's window edge. */
    static Instant randomInstant(SplittableRandom rnd, IncidentIndex index, Duration window) {
        List<IncidentRecord> live = List.copyOf(index.live());
        if (!live.isEmpty() && rnd.nextInt(3) == 0) {
            IncidentRecord i = live.get(rnd.nextInt(live.size()));
            Instant first = i.incident().impactStart();
            if (first != null) {
                Instant last = i.lastImpactStart() == null ? first : i.lastImpactStart();
                Instant edge = rnd.nextBoolean() ? first.minus(window) : last.plus(window);
                return edge.plusMillis(rnd.nextInt(3) - 1);
            }
        }
        return T.plus(Duration.ofMinutes(rnd.nextInt(7 * 24 * 60)));
    }

    static IncidentRecord incident(
            String id,
            Instant openedAt,
            IncidentState state,
            Instant first,
            Instant last,
            List<Hit> footprint,
            List<String> regions) {
        return record(id, openedAt, state, first, last, footprint, regions, false, false);
    }

    static IncidentRecord record(
            String id,
            Instant openedAt,
            IncidentState state,
            Instant first,
            Instant last,
            List<Hit> footprint,
            List<String> regions,
            boolean synthetic,
            boolean drill) {
        Incident incident = new Incident(
                id,
                "platform",
                id,
                state,
                Severity.SEV3,
                footprint.stream().map(Hit::componentId).distinct().toList(),
                regions,
                List.of(id),
                false,
                false,
                null,
                first,
                openedAt,
                null,
                null,
                null,
                openedAt,
                1,
                drill,
                List.of());
        return new IncidentRecord(incident, footprint, List.of(), last, synthetic, false);
    }

    static EventRecord event(Hit hit, Instant start) {
        return event(List.of(hit), start, start, false, false);
    }

    static EventRecord event(List<Hit> hits, Instant impactStart, Instant firstSeen, boolean synthetic, boolean drill) {
        HealthEvent health = new HealthEvent(
                "azure",
                HealthEventKind.SERVICE_INCIDENT,
                "TRK-1",
                "title",
                "summary",
                HealthStage.ACTIVE,
                "Warning",
                List.of(),
                List.of(),
                null,
                impactStart,
                null,
                firstSeen,
                null,
                null,
                synthetic);
        return new EventRecord(
                "TRK-1", "ce-1", health, hits, firstSeen, null, drill, firstSeen, "TRK-1", "", List.of(), firstSeen,
                false);
    }
}
