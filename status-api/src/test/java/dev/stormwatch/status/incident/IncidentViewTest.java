package dev.stormwatch.status.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The prepared list: summaries written once, counts kept as records arrive, pages read from the cursor on. */
class IncidentViewTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final IncidentView view = new IncidentView();
    private final List<Incident> latest = new ArrayList<>();
    private long offset;

    @Test
    void theListServesASummaryOfWhatAPageIsScannedForWrittenOnceAsUtf8() {
        Incident big = incident("big", "p1", IncidentState.OPEN, Severity.SEV1, T0, 1, false, 200);
        apply(big);

        IncidentView.Slice slice = view.slice(IncidentFilter.ALL, null, 100);

        // Exactly these fields, in this order: no timeline (its own resource) and no assessment (the incident's).
        assertEquals(
                "{\"id\":\"big\",\"platformId\":\"p1\",\"title\":\"Storage outage in Australia East – région\","
                        + "\"state\":\"open\",\"severity\":\"sev1\",\"components\":[\"storage\"],"
                        + "\"regions\":[\"australiaeast\"],\"trackingIds\":[\"TRK-big\"],\"moreTrackingIds\":0,"
                        + "\"primaryRegionHit\":true,\"readinessRisk\":false,\"impactStart\":\"2026-12-07T09:55:00Z\","
                        + "\"openedAt\":\"2026-12-07T10:00:00Z\",\"updatedAt\":\"2026-12-07T10:00:00Z\",\"version\":1,"
                        + "\"drill\":false,\"plannedMaintenance\":false,\"timelineEntries\":200}",
                new String(slice.incidents().get(0).summary(), StandardCharsets.UTF_8));
        JsonNode summary = JsonCodec.fromJson(slice.incidents().get(0).summary(), JsonNode.class);
        JsonNode body = JsonCodec.fromJson(
                IncidentResource.body(Instant.parse("2026-12-07T11:00:00.123Z"), slice), JsonNode.class);
        assertEquals("2026-12-07T11:00:00.123Z", body.path("now").asText());
        assertEquals(1, body.path("count").asLong());
        assertEquals(summary, body.path("incidents").get(0));
    }

    @Test
    void aSummaryListsTheFirstFiveProviderKeysAndCountsTheRestResourceIdsIncluded() {
        // Given what a regional outage correlates: Service Health keys between one resource id per resource hit.
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            ids.add(n % 4 == 0 ? "B2S" + n + "-XQA" : RESOURCE + n);
        }
        ids.add("/SUBSCRIPTIONS/204FE15A/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.SQL/SERVERS/SQL-UPPER");
        apply(incident("wide", "p1", IncidentState.OPEN, Severity.SEV2, T0, 1, false, 3, ids));
        apply(incident(
                "resources-only",
                "p1",
                IncidentState.OPEN,
                Severity.SEV2,
                T0.minusSeconds(60),
                1,
                false,
                3,
                List.of(RESOURCE + 1, RESOURCE + 2)));

        List<IncidentView.Listed> page =
                view.slice(IncidentFilter.ALL, null, 100).incidents();

        JsonNode wide = JsonCodec.fromJson(page.get(0).summary(), JsonNode.class);
        assertEquals(
                List.of("B2S0-XQA", "B2S4-XQA", "B2S8-XQA", "B2S12-XQA", "B2S16-XQA"), texts(wide.path("trackingIds")));
        assertEquals(26, wide.path("moreTrackingIds").asInt());
        JsonNode resourcesOnly = JsonCodec.fromJson(page.get(1).summary(), JsonNode.class);
        assertEquals(List.of(), texts(resourcesOnly.path("trackingIds")));
        assertEquals(2, resourcesOnly.path("moreTrackingIds").asInt());
        // The incident itself keeps every one, in its order.
        assertEquals(ids, view.incident("wide").orElseThrow().trackingIds());
    }

    static final String RESOURCE = "/subscriptions/204fe15a-b01e-3f2c-b886-f6365180430e/resourcegroups/rg-burst2-78"
            + "/providers/microsoft.storage/storageaccounts/st";

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    @Test
    void anEmptyPageIsStillAList() {
        byte[] body = IncidentResource.body(T0, view.slice(IncidentFilter.ALL, null, 100));

        assertEquals(
                "{\"now\":\"2026-12-07T10:00:00Z\",\"count\":0,\"incidents\":[]}",
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void countsKeptAsRecordsArriveEqualAWalkOverEveryIncidentForEveryFilter() {
        // Given 60 incidents on 3 platforms, then updates that move some to other states and severities, an older
        // version that must not count, and a tombstone.
        for (int n = 0; n < 60; n++) {
            apply(incident(
                    "i" + n,
                    "p" + n % 3,
                    IncidentState.values()[n % 4],
                    Severity.values()[n % 4],
                    T0.minusSeconds(60L * n),
                    1,
                    n % 5 == 0,
                    1));
        }
        for (int n = 0; n < 60; n += 7) {
            apply(incident(
                    "i" + n,
                    "p" + n % 3,
                    IncidentState.RESOLVED,
                    Severity.SEV1,
                    T0.minusSeconds(60L * n),
                    2,
                    n % 5 == 0,
                    2));
        }
        apply(incident("i7", "p1", IncidentState.OPEN, Severity.SEV4, T0.minusSeconds(420), 1, false, 1));
        tombstone("i8");

        // Then every combination of filters counts and pages exactly as the plain walk does.
        List<IncidentFilter> filters = new ArrayList<>();
        for (Set<IncidentState> states :
                List.of(Set.<IncidentState>of(), Set.of(IncidentState.OPEN), Set.of(IncidentState.RESOLVED))) {
            for (Set<Severity> severities : List.of(Set.<Severity>of(), Set.of(Severity.SEV1, Severity.SEV4))) {
                for (Set<String> platforms : List.of(Set.<String>of(), Set.of("p1"), Set.of("p0", "p2", "nope"))) {
                    for (Boolean drill : new Boolean[] {null, true, false}) {
                        filters.add(new IncidentFilter(states, severities, platforms, null, null, drill));
                        filters.add(new IncidentFilter(
                                states, severities, platforms, T0.minusSeconds(1800), T0.minusSeconds(600), drill));
                        filters.add(new IncidentFilter(states, severities, platforms, null, T0, drill));
                    }
                }
            }
        }
        for (IncidentFilter filter : filters) {
            List<String> expected = latest.stream()
                    .filter(filter::matches)
                    .sorted((a, b) -> b.openedAt().compareTo(a.openedAt()))
                    .map(Incident::id)
                    .toList();
            assertEquals(expected.size(), view.count(filter), filter.toString());
            assertEquals(expected, pages(filter, 4), filter.toString());
        }
        assertEquals(59, view.count(IncidentFilter.ALL));
        assertEquals(
                latest.stream()
                        .filter(i -> i.platformId().equals("p1") && i.state() == IncidentState.OPEN)
                        .count(),
                view.openCount("p1"));
    }

    @Test
    void theUntilBoundAndTheCursorStartThePageAtTheLaterOfTheTwo() {
        IntStream.range(0, 10)
                .forEach(n -> apply(incident(
                        "u" + n, "p", IncidentState.OPEN, Severity.SEV2, T0.minusSeconds(60L * n), 1, false, 1)));
        IncidentFilter untilFive = new IncidentFilter(Set.of(), Set.of(), Set.of(), null, T0.minusSeconds(300), null);

        IncidentView.Slice first = view.slice(untilFive, null, 2);
        IncidentView.Slice second = view.slice(untilFive, first.last(), 2);
        IncidentView.Slice fromOlderCursor = view.slice(untilFive, new IncidentView.Position(T0, "u0"), 2);

        assertEquals(List.of("u6", "u7"), ids(first));
        assertEquals(List.of("u8", "u9"), ids(second));
        assertNull(second.last());
        assertEquals(List.of("u6", "u7"), ids(fromOlderCursor));
        assertEquals(4, first.total());
    }

    private List<String> pages(IncidentFilter filter, int size) {
        List<String> all = new ArrayList<>();
        IncidentView.Position after = null;
        do {
            IncidentView.Slice slice = view.slice(filter, after, size);
            all.addAll(ids(slice));
            after = slice.last();
        } while (after != null);
        return all;
    }

    private static List<String> ids(IncidentView.Slice slice) {
        return slice.incidents().stream().map(l -> l.incident().id()).toList();
    }

    private void apply(Incident incident) {
        view.apply(new ConsumedRecord(
                Topics.INCIDENTS.name(),
                0,
                offset++,
                incident.id(),
                JsonCodec.envelope(
                        "incident:" + incident.id() + ":" + incident.version(),
                        EventTypes.INCIDENT,
                        "/test",
                        incident.id(),
                        incident.updatedAt(),
                        incident.drill(),
                        incident),
                0));
        Incident old = latest.stream()
                .filter(i -> i.id().equals(incident.id()))
                .findFirst()
                .orElse(null);
        if (old == null || old.version() < incident.version()) {
            latest.remove(old);
            latest.add(incident);
        }
    }

    private void tombstone(String id) {
        view.apply(new ConsumedRecord(Topics.INCIDENTS.name(), 0, offset++, id, null, 0));
        latest.removeIf(i -> i.id().equals(id));
    }

    static Incident incident(
            String id,
            String platformId,
            IncidentState state,
            Severity severity,
            Instant openedAt,
            long version,
            boolean drill,
            int timeline) {
        return incident(id, platformId, state, severity, openedAt, version, drill, timeline, List.of("TRK-" + id));
    }

    static Incident incident(
            String id,
            String platformId,
            IncidentState state,
            Severity severity,
            Instant openedAt,
            long version,
            boolean drill,
            int timeline,
            List<String> trackingIds) {
        return new Incident(
                id,
                platformId,
                "Storage outage in Australia East – région",
                state,
                severity,
                List.of("storage"),
                List.of("australiaeast"),
                trackingIds,
                true,
                false,
                "Primary region storage unavailable",
                openedAt.minusSeconds(300),
                openedAt,
                null,
                null,
                null,
                openedAt,
                version,
                drill,
                IntStream.range(0, timeline)
                        .mapToObj(n -> new TimelineEntry(openedAt.plusSeconds(n), "update " + n, "TRK-" + id))
                        .toList());
    }
}
