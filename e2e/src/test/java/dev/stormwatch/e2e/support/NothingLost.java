package dev.stormwatch.e2e.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fault tests' common verdict, read back from the broker and the inbox after a scenario on a {@link PlatformFleet}:
 *
 * <ol>
 *   <li>every event health-ingest accepted is on {@code health-events.v1} exactly once (one record per CloudEvent id),
 *       and nothing else of the scenario is; nothing of it in the DLQ unless the scenario expects it;
 *   <li>every tracking id is in exactly one incident, each platform has exactly the incidents expected (none
 *       duplicated), and each platform's component shows the incident;
 *   <li>every incident paged its on-call contact at level 1: exactly one delivered {@code incident-opened} record on
 *       {@code notifications.v1} per page, and exactly one page message (one delivery id) in the inbox per page: no
 *       page lost, nobody paged twice for the same level.
 * </ol>
 */
public final class NothingLost {

    private NothingLost() {}

    /** What the system produced for the fleet, for the report and for further assertions. */
    public record Verdict(
            Map<String, Incident> incidentByPlatform,
            Map<String, Notification> pageByIncident,
            int healthEventRecords) {}

    /**
     * Asserts the three rules for {@code expected} (platform id → the tracking ids that must form its one incident),
     * given the ids health-ingest accepted for the scenario's keys.
     */
    public static Verdict assertAccounted(
            RunningSystem system,
            PlatformFleet fleet,
            Map<String, Set<String>> expected,
            Set<String> acceptedIds,
            Duration within) {
        Set<String> keys = expected.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        String bootstrap = system.bootstrapServers();

        // 1. health-events.v1: each accepted id once, nothing else for these keys.
        List<CloudEvent> records = Topic.read(bootstrap, Topics.HEALTH_EVENTS.name()).stream()
                .filter(e -> keys.contains(e.subject()))
                .toList();
        Map<String, Long> perId =
                records.stream().collect(Collectors.groupingBy(CloudEvent::id, TreeMap::new, Collectors.counting()));
        Map<String, Long> repeated = perId.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        // Checked last, so that a failure here also says whether the duplicates reached incidents and pages.
        String duplicated = repeated.isEmpty()
                ? null
                : "health-events.v1 holds " + repeated.size() + " of "
                        + perId.size() + " event ids more than once (" + records.size() + " records for "
                        + acceptedIds.size()
                        + " accepted events), e.g. "
                        + repeated.entrySet().stream().limit(5).toList();
        assertEquals(
                new TreeSet<>(acceptedIds),
                new TreeSet<>(perId.keySet()),
                "health-events.v1 holds exactly the events health-ingest accepted");
        List<RejectedInput> dead = Topic.read(bootstrap, Topics.HEALTH_EVENTS_DLQ.name()).stream()
                .map(e -> JsonCodec.data(e, RejectedInput.class))
                .filter(r ->
                        r.raw() != null && keys.stream().anyMatch(k -> r.raw().contains("\"" + k + "\"")))
                .toList();
        assertEquals(List.of(), dead, "no valid event of the scenario is in the DLQ");

        // 2. incidents: one per platform, holding exactly its tracking ids; the component shows it.
        Map<String, List<Incident>> incidents = Eventually.await(
                "incidents with every tracking id",
                within,
                () -> {
                    Map<String, List<Incident>> byPlatform = latestIncidents(bootstrap, expected.keySet());
                    boolean complete = expected.entrySet().stream()
                            .allMatch(e -> byPlatform.getOrDefault(e.getKey(), List.of()).stream()
                                    .flatMap(i -> i.trackingIds().stream())
                                    .collect(Collectors.toSet())
                                    .containsAll(e.getValue()));
                    return complete ? Optional.of(byPlatform) : Optional.empty();
                },
                () -> "\nincidents so far: " + summary(latestIncidents(bootstrap, expected.keySet())) + system.logs());
        Map<String, Incident> incidentByPlatform = new TreeMap<>();
        Map<String, String> incidentOfKey = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            List<Incident> mine = incidents.get(e.getKey());
            assertEquals(1, mine.size(), "exactly one incident on " + e.getKey() + ": " + summary(incidents));
            Incident incident = mine.get(0);
            assertEquals(
                    new TreeSet<>(e.getValue()),
                    new TreeSet<>(incident.trackingIds()),
                    "the incident on " + e.getKey() + " links exactly its tracking ids");
            for (String key : incident.trackingIds()) {
                String before = incidentOfKey.put(key, incident.id());
                assertTrue(before == null, key + " is in two incidents: " + before + " and " + incident.id());
            }
            incidentByPlatform.put(e.getKey(), incident);
        }
        Map<String, ComponentStatus> statuses = new HashMap<>();
        for (CloudEvent e : Topic.read(bootstrap, Topics.COMPONENT_STATUS.name())) {
            if (e.type().equals(EventTypes.COMPONENT_STATUS)) {
                ComponentStatus s = JsonCodec.data(e, ComponentStatus.class);
                statuses.put(s.platformId(), s);
            }
        }
        for (Map.Entry<String, Incident> e : incidentByPlatform.entrySet()) {
            ComponentStatus status = statuses.get(e.getKey());
            assertTrue(status != null, "a component status for " + e.getKey());
            if (e.getValue().state() == dev.stormwatch.contracts.incident.IncidentState.OPEN) {
                assertNotEquals(
                        ComponentState.OPERATIONAL,
                        status.state(),
                        "the storage of " + e.getKey() + " is hit: " + status);
            }
        }

        // 3. pages: one delivered incident-opened page per incident at level 1, one delivery id in the inbox per page.
        Set<String> incidentIds =
                incidentByPlatform.values().stream().map(Incident::id).collect(Collectors.toSet());
        Map<String, List<Notification>> delivered = Eventually.await(
                "a delivered page for every incident",
                within,
                () -> {
                    Map<String, List<Notification>> pages = openedPages(bootstrap, expected.keySet());
                    return pages.keySet().containsAll(incidentIds) ? Optional.of(pages) : Optional.empty();
                },
                () -> "\npages so far: "
                        + openedPages(bootstrap, expected.keySet()).keySet() + system.logs());
        assertEquals(
                new TreeSet<>(incidentIds), new TreeSet<>(delivered.keySet()), "pages only for the fleet's incidents");
        Map<String, Notification> pageByIncident = new TreeMap<>();
        for (Map.Entry<String, List<Notification>> e : delivered.entrySet()) {
            List<Notification> n = e.getValue();
            assertEquals(1, n.size(), "one delivered incident-opened record for " + e.getKey() + ": " + n);
            assertEquals(1, n.get(0).level(), "level 1 for " + e.getKey());
            assertEquals("oncall", n.get(0).contactId(), "the on-call contact for " + e.getKey());
            pageByIncident.put(e.getKey(), n.get(0));
        }
        Set<String> pageIds =
                pageByIncident.values().stream().map(Notification::pageId).collect(Collectors.toSet());
        Map<String, Set<String>> deliveriesByPage = Eventually.await(
                "every page in the inbox",
                within,
                () -> {
                    Map<String, Set<String>> inbox = inboxPages(system.inbox(), fleet);
                    return inbox.keySet().containsAll(pageIds) ? Optional.of(inbox) : Optional.empty();
                },
                () -> "\ninbox pages: " + inboxPages(system.inbox(), fleet));
        assertEquals(
                new TreeSet<>(pageIds),
                new TreeSet<>(deliveriesByPage.keySet()),
                "the inbox got exactly the fleet's pages");
        deliveriesByPage.forEach((page, deliveries) -> assertEquals(
                1,
                deliveries.size(),
                "page " + page + " reached its contact once (one delivery id), got " + deliveries));
        assertTrue(
                duplicated == null,
                duplicated + "; downstream still exact: one incident per platform, one page per incident");
        return new Verdict(incidentByPlatform, pageByIncident, records.size());
    }

    /** The latest snapshot of every incident on these platforms, by platform. */
    public static Map<String, List<Incident>> latestIncidents(String bootstrap, Set<String> platforms) {
        Map<String, Incident> latest = new HashMap<>();
        for (CloudEvent e : Topic.read(bootstrap, Topics.INCIDENTS.name())) {
            if (!e.type().equals(EventTypes.INCIDENT)) {
                continue;
            }
            Incident i = JsonCodec.data(e, Incident.class);
            if (platforms.contains(i.platformId())) {
                latest.merge(i.id(), i, (a, b) -> b.version() >= a.version() ? b : a);
            }
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(Incident::id))
                .collect(Collectors.groupingBy(Incident::platformId, TreeMap::new, Collectors.toList()));
    }

    /** Delivered incident-opened records on notifications.v1 for these platforms, by incident id. */
    public static Map<String, List<Notification>> openedPages(String bootstrap, Set<String> platforms) {
        return Topic.read(bootstrap, Topics.NOTIFICATIONS.name()).stream()
                .filter(e -> e.type().equals(EventTypes.NOTIFICATION))
                .map(e -> JsonCodec.data(e, Notification.class))
                .filter(n -> platforms.contains(n.platformId())
                        && "incident-opened".equals(n.kind())
                        && n.result() == DeliveryResult.DELIVERED)
                .collect(Collectors.groupingBy(Notification::subjectId, TreeMap::new, Collectors.toList()));
    }

    /** Page id → the delivery ids of incident-opened items the fleet's inboxes received (signature checked). */
    public static Map<String, Set<String>> inboxPages(LocalInbox inbox, PlatformFleet fleet) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < fleet.size(); i++) {
            paths.add(fleet.inboxPath(i));
        }
        Map<String, Set<String>> pages = new TreeMap<>();
        for (LocalInbox.Message m : inbox.messages()) {
            if (!paths.contains(m.path())) {
                continue;
            }
            assertEquals(Boolean.TRUE, m.signatureValid(), "signed page: " + m.body());
            JsonNode data = JsonCodec.fromJson(m.body(), JsonNode.class).path("data");
            for (JsonNode item : data.path("items")) {
                if (item.path("kind").asText().equals("incident-opened")) {
                    pages.computeIfAbsent(item.path("pageId").asText(), p -> new TreeSet<>())
                            .add(data.path("deliveryId").asText());
                }
            }
        }
        return pages;
    }

    private static String summary(Map<String, List<Incident>> incidents) {
        List<String> out = new ArrayList<>();
        incidents.forEach((p, list) ->
                list.forEach(i -> out.add(i.id() + " v" + i.version() + " " + i.state() + " " + i.trackingIds())));
        return out.toString();
    }
}
