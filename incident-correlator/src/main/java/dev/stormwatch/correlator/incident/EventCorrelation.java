package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies one provider update to a platform, fact by fact ({@link ProviderFacts}): what each fact hits, which incident
 * the tracking id belongs to, and what changed.
 *
 * <ul>
 *   <li>An update changes only the facts it names: an update that names fewer services leaves the others as they were,
 *       so a service stays impacted until an update resolves it or the whole tracking id ends.
 *   <li>An update older than the version of a fact already applied (by the provider's last update time) changes nothing
 *       for that fact, and is recorded in the audit trail as ignored; the caller has already dropped re-delivered
 *       CloudEvent ids.
 *   <li>A fact that ended comes back only with an active update last updated strictly after its ending: a late copy of
 *       an older active update never reopens what the provider resolved.
 *   <li>A final update naming a service also ends the resource facts reported with that service.
 *   <li>Impact start and mitigation time belong to the tracking id: the newest update's values (Azure revises both
 *       while an incident runs) apply to every fact of it, and each revision is written in the timeline, from what to
 *       what.
 * </ul>
 */
public final class EventCorrelation {

    /** The incident an event was applied to, and one of its facts as now stored (the first the update changed). */
    public record Applied(IncidentDraft incident, EventRecord event) {}

    /** One fact the update changes: as it was (null when new) and as it is now. */
    private record Change(EventRecord before, EventRecord after) {}

    private final IncidentGrouping grouping;

    public EventCorrelation(IncidentGrouping grouping) {
        this.grouping = grouping;
    }

    /** Applies the event; empty when it changed nothing (stale, no catalog, hits nothing). */
    public Optional<Applied> apply(PlatformWork work, CloudEvent cloudEvent) {
        HealthEvent event = JsonCodec.data(cloudEvent, HealthEvent.class);
        CatalogView catalog = work.catalog();
        String tracking = event.key();
        if (catalog == null) {
            work.audit(
                    "health-event-ignored",
                    tracking,
                    "no catalog for the platform: event " + cloudEvent.id() + " cannot be matched",
                    cloudEvent.isDrill());
            return Optional.empty();
        }
        Instant lastUpdate = event.lastUpdate() != null
                ? event.lastUpdate()
                : cloudEvent.time() != null ? cloudEvent.time() : work.now();
        String subscription = ProviderFacts.subscription(event);
        List<EventRecord> siblings = splitLegacy(work, tracking);
        EventRecord newest = siblings.stream()
                .max(Comparator.comparing(EventRecord::lastUpdate))
                .orElse(null);
        boolean newestUpdate = newest == null || !lastUpdate.isBefore(newest.lastUpdate());
        Instant impactStart = event.impactStart();
        Instant mitigation = event.impactMitigation();
        if (newest != null && (!newestUpdate || impactStart == null)) {
            // An older update keeps the tracking id's times as last revised; an update without a start keeps the known
            // one.
            impactStart = newest.event().impactStart() != null ? newest.event().impactStart() : impactStart;
        }
        if (!newestUpdate) {
            mitigation = newest.event().impactMitigation();
        }
        HealthEvent timed = event.withTiming(impactStart, mitigation);

        List<Change> changes = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        EventRecord stale = null;
        if (ProviderFacts.endsTrackingId(event)) {
            EventRecord marker = work.view().event(ProviderFacts.endKey(tracking, subscription));
            if (marker != null && lastUpdate.isBefore(marker.lastUpdate())) {
                stale = marker;
            } else if (!siblings.isEmpty()) {
                for (EventRecord s : siblings) {
                    boolean inScope = subscription.isEmpty() || s.subscription().equals(subscription);
                    if (inScope
                            && !lastUpdate.isBefore(s.lastUpdate())
                            && s.event().stage() != timed.stage()) {
                        changes.add(new Change(s, s.withEvent(ProviderFacts.endedBy(s.event(), timed), lastUpdate)));
                    }
                }
                EventRecord first = siblings.get(0);
                changes.add(new Change(
                        marker,
                        new EventRecord(
                                ProviderFacts.endKey(tracking, subscription),
                                cloudEvent.id(),
                                timed,
                                List.of(),
                                lastUpdate,
                                first.incidentId(),
                                cloudEvent.isDrill(),
                                work.now(),
                                tracking,
                                subscription,
                                List.of(),
                                marker == null ? lastUpdate : marker.firstSeen(),
                                false)));
            }
        } else {
            EventRecord ended = work.view().event(ProviderFacts.endKey(tracking, subscription));
            for (ProviderFacts.Fact fact : ProviderFacts.of(timed)) {
                EventRecord previous = work.view().event(fact.key());
                boolean active = Impact.ongoing(fact.event());
                if (previous != null && lastUpdate.isBefore(previous.lastUpdate())) {
                    stale = previous;
                    continue;
                }
                if (active && previous != null && !previous.ongoing() && !lastUpdate.isAfter(previous.lastUpdate())) {
                    ignored.add(describe(fact.event(), catalog) + " (resolved at " + previous.lastUpdate() + ")");
                    continue;
                }
                if (active && previous == null && ended != null && !lastUpdate.isAfter(ended.lastUpdate())) {
                    ignored.add(describe(fact.event(), catalog) + " (" + tracking + " ended at " + ended.lastUpdate()
                            + ")");
                    continue;
                }
                List<Hit> hits = catalog.matcher().match(fact.event());
                if (hits.isEmpty() && previous == null) {
                    continue;
                }
                boolean outage = !fact.event().synthetic() && Impact.of(fact.event()) == Impact.OUTAGE;
                changes.add(new Change(
                        previous,
                        new EventRecord(
                                fact.key(),
                                cloudEvent.id(),
                                fact.event(),
                                hits.isEmpty() ? previous.hits() : hits,
                                lastUpdate,
                                null,
                                cloudEvent.isDrill(),
                                work.now(),
                                tracking,
                                subscription,
                                previous == null ? fact.services() : union(previous.services(), fact.services()),
                                previous == null ? lastUpdate : previous.firstSeen(),
                                outage || (previous != null && previous.outageSeen()))));
            }
            if (ProviderFacts.isFinal(event)) {
                endResourcesOfServices(siblings, timed, subscription, lastUpdate, changes);
            }
        }

        if (changes.isEmpty()) {
            if (stale != null) {
                work.audit(
                        "stale-update-ignored",
                        stale.incidentId(),
                        "event " + cloudEvent.id() + " for " + tracking
                                + " was last updated " + lastUpdate + ", before the version already applied ("
                                + stale.lastUpdate()
                                + "): it does not roll the incident back",
                        cloudEvent.isDrill());
            } else if (!ignored.isEmpty()) {
                work.audit(
                        "stale-update-ignored",
                        siblings.isEmpty() ? tracking : siblings.get(0).incidentId(),
                        "event "
                                + cloudEvent.id() + " for " + tracking
                                + " reports as active what the provider already resolved by a"
                                + " later update: " + String.join(", ", ignored) + "; it does not reopen it",
                        cloudEvent.isDrill());
            } else {
                work.audit(
                        "health-event-ignored",
                        tracking,
                        "event " + cloudEvent.id() + " hits no component of the catalog",
                        cloudEvent.isDrill());
            }
            return Optional.empty();
        }

        String known = siblings.stream()
                .map(EventRecord::incidentId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        IncidentDraft incident = known == null ? null : work.incident(known);
        Instant start = impactStart != null ? impactStart : lastUpdate;
        if (incident == null) {
            List<Hit> all = changes.stream()
                    .flatMap(c -> c.after().hits().stream())
                    .distinct()
                    .toList();
            EventRecord probe = changes.get(0).after().withHits(all).withEvent(timed, lastUpdate);
            incident = grouping.find(work.view().liveIncidents(), probe)
                    .map(r -> work.incident(r.id()))
                    .orElse(null);
        }
        boolean joined = incident != null && known == null;
        if (incident == null) {
            incident = IncidentDraft.open(
                    incidentId(work.view().platformId(), tracking, start),
                    work.view().platformId(),
                    event.title() == null ? tracking : event.title(),
                    work.now(),
                    cloudEvent.isDrill(),
                    event.synthetic());
            work.opened(incident);
        }
        List<EventRecord> stored = new ArrayList<>();
        for (Change c : changes) {
            EventRecord next = withIncident(c.after(), incident.id());
            work.view().put(next);
            stored.add(next);
        }
        if (newestUpdate) {
            reviseTiming(work, incident, siblings, stored, impactStart, mitigation);
        }
        incident.cause(stored.get(0).label());
        stored.forEach(incident::addEvent);
        note(work, incident, newest, newestUpdate, timed, changes, known == null, joined, catalog);
        work.statusesChanged();
        return Optional.of(new Applied(incident, stored.get(0)));
    }

    /**
     * A record kept by a version that stored one record per tracking id (its key has no fact separator) becomes the
     * facts it stands for, as of its own last update, so that later updates change only what they name.
     */
    private static List<EventRecord> splitLegacy(PlatformWork work, String tracking) {
        List<EventRecord> facts = work.view().factsOf(tracking);
        if (facts.stream().noneMatch(ProviderFacts::isLegacy)) {
            return facts;
        }
        for (EventRecord legacy : facts) {
            if (!ProviderFacts.isLegacy(legacy)) {
                continue;
            }
            work.view().remove(legacy);
            for (ProviderFacts.Fact fact : ProviderFacts.of(legacy.event())) {
                List<Hit> hits = work.catalog().matcher().match(fact.event());
                if (work.view().event(fact.key()) != null || hits.isEmpty()) {
                    continue;
                }
                work.view()
                        .put(new EventRecord(
                                fact.key(),
                                legacy.cloudEventId(),
                                fact.event(),
                                hits,
                                legacy.lastUpdate(),
                                legacy.incidentId(),
                                legacy.drill(),
                                legacy.receivedAt(),
                                tracking,
                                ProviderFacts.subscription(legacy.event()),
                                fact.services(),
                                legacy.firstSeen(),
                                legacy.outageSeen()
                                        || (!fact.event().synthetic() && Impact.of(fact.event()) == Impact.OUTAGE)));
            }
        }
        return work.view().factsOf(tracking);
    }

    /** A final update naming services ends the resource facts of its tracking id that were reported with them. */
    private static void endResourcesOfServices(
            List<EventRecord> siblings,
            HealthEvent update,
            String subscription,
            Instant lastUpdate,
            List<Change> changes) {
        Set<String> named = new HashSet<>();
        for (ImpactedService pair : update.impacted()) {
            String service = ServiceNames.normalize(pair.service());
            if (service != null) {
                named.add(service);
            }
        }
        for (EventRecord s : siblings) {
            boolean resource = !s.event().resourceIds().isEmpty();
            if (resource
                    && s.ongoing()
                    && s.subscription().equals(subscription)
                    && !lastUpdate.isBefore(s.lastUpdate())
                    && s.services().stream().anyMatch(named::contains)
                    && changes.stream().noneMatch(c -> c.after().key().equals(s.key()))) {
                changes.add(new Change(s, s.withEvent(ProviderFacts.endedBy(s.event(), update), lastUpdate)));
            }
        }
    }

    /**
     * The newest update's impact start and mitigation apply to every fact of the tracking id, in every subscription.
     */
    private static void reviseTiming(
            PlatformWork work,
            IncidentDraft incident,
            List<EventRecord> siblings,
            List<EventRecord> stored,
            Instant impactStart,
            Instant mitigation) {
        Set<String> done = new HashSet<>();
        stored.forEach(e -> done.add(e.key()));
        for (EventRecord s : siblings) {
            if (done.contains(s.key())) {
                continue;
            }
            HealthEvent e = s.event();
            if (!Objects.equals(e.impactStart(), impactStart) || !Objects.equals(e.impactMitigation(), mitigation)) {
                EventRecord revised = s.withEvent(e.withTiming(impactStart, mitigation), s.lastUpdate());
                work.view().put(revised);
                incident.addEvent(revised);
            }
        }
    }

    private static EventRecord withIncident(EventRecord e, String incidentId) {
        return new EventRecord(
                e.key(),
                e.cloudEventId(),
                e.event(),
                e.hits(),
                e.lastUpdate(),
                incidentId,
                e.drill(),
                e.receivedAt(),
                e.trackingKey(),
                e.subscription(),
                e.services(),
                e.firstSeen(),
                e.outageSeen());
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Deterministic, URL-safe incident id from the event that opened it: its key and when its impact started, so that
     * the same resource failing again months later (after the first incident left the stores) is a new incident, not
     * version 1 of an old one that consumers would ignore.
     */
    public static String incidentId(String platformId, String eventKey, Instant start) {
        String slug = slug(eventKey);
        if (slug.isEmpty() || slug.length() > 40) {
            slug = digest(eventKey);
        }
        return "inc-" + platformId + "-" + slug + "-" + STARTED.format(start);
    }

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-|-$)");

    /** Lower case, runs of anything else than letters and digits as one dash: {@code NA0F-BJG} → {@code na0f-bjg}. */
    public static String slug(String text) {
        return EDGE_DASHES
                .matcher(NOT_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-"))
                .replaceAll("");
    }

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static void note(
            PlatformWork work,
            IncidentDraft incident,
            EventRecord newest,
            boolean newestUpdate,
            HealthEvent e,
            List<Change> changes,
            boolean first,
            boolean joined,
            CatalogView catalog) {
        String label = changes.get(0).after().label();
        Instant at = changes.get(0).after().lastUpdate();
        String stage = e.stage() == null ? "active" : e.stage().wire();
        List<Change> added = changes.stream()
                .filter(c -> c.before() == null && !c.after().hits().isEmpty())
                .toList();
        if (first) {
            String what =
                    (incident.isNew() ? "Opened: " : label + " joined: ") + (e.title() == null ? label : e.title())
                            + " (" + e.kind().wire() + ", " + stage + ") hits " + hits(added, catalog);
            incident.noteAsReported(at, what, label);
        } else if (!added.isEmpty()) {
            incident.noteAsReported(
                    at, label + " now also names " + facts(added, catalog) + ": hits " + hits(added, catalog), label);
        }
        if (newestUpdate && newest != null) {
            revision(incident, at, label, "impact start", newest.event().impactStart(), e.impactStart());
            revision(incident, at, label, "mitigation time", newest.event().impactMitigation(), e.impactMitigation());
        }
        Map<String, List<Change>> byStage = new LinkedHashMap<>();
        for (Change c : changes) {
            EventRecord before = c.before();
            EventRecord after = c.after();
            if (before == null
                    || after.event().resourceIds().isEmpty()
                            && after.event().impacted().isEmpty()) {
                continue;
            }
            if (before.event().stage() != after.event().stage()) {
                String now = after.event().stage() == null
                        ? "active"
                        : after.event().stage().wire();
                byStage.computeIfAbsent(now, k -> new ArrayList<>()).add(c);
            }
            if (!before.hits().equals(after.hits())) {
                incident.noteAsReported(at, label + " now hits " + hits(List.of(c), catalog), label);
            }
            if (!Objects.equals(
                    before.event().availabilityState(), after.event().availabilityState())) {
                incident.noteAsReported(
                        at, label + ": resource is " + after.event().availabilityState(), label);
            }
        }
        List<EventRecord> all = work.view().factsOf(changes.get(0).after().trackingKey());
        byStage.forEach((now, moved) -> {
            boolean everyFact = all.stream()
                    .filter(f -> !f.hits().isEmpty())
                    .allMatch(f -> now.equals(
                            f.event().stage() == null
                                    ? "active"
                                    : f.event().stage().wire()));
            incident.noteAsReported(
                    at, label + " is now " + now + (everyFact ? "" : " for " + facts(moved, catalog)), label);
        });
        boolean summaryChanged = changes.stream()
                .anyMatch(c -> c.before() != null
                        && c.before().event().stage() == c.after().event().stage()
                        && !Objects.equals(
                                c.before().event().summary(), c.after().event().summary()));
        if (summaryChanged) {
            incident.noteAsReported(
                    at, "Provider update on " + label + (e.title() == null ? "" : ": " + e.title()), label);
        }
    }

    private static void revision(
            IncidentDraft incident, Instant at, String label, String what, Instant before, Instant after) {
        if (before != null && after != null && !before.equals(after)) {
            incident.noteAsReported(
                    at, label + ": the provider revised the " + what + " from " + before + " to " + after, label);
        }
    }

    /** "Key Vault in West Europe, Storage in West Europe", or the resources: what the facts are about. */
    private static String facts(List<Change> changes, CatalogView catalog) {
        return changes.stream()
                .map(c -> describe(c.after().event(), catalog))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String describe(HealthEvent fact, CatalogView catalog) {
        if (!fact.resourceIds().isEmpty()) {
            return "resource " + fact.resourceIds().get(0);
        }
        if (fact.impacted().isEmpty()) {
            return fact.key();
        }
        ImpactedService pair = fact.impacted().get(0);
        String region = Regions.canonical(pair.region());
        return pair.service() + " in " + (region == null ? "every region" : catalog.regionName(region));
    }

    private static String hits(List<Change> changes, CatalogView catalog) {
        return changes.stream()
                .flatMap(c -> c.after().hits().stream())
                .distinct()
                .map(h -> h.componentId() + "@" + h.region())
                .collect(Collectors.joining(", "));
    }

    private static String digest(String text) {
        return ContentHash.hex(6, text);
    }
}
