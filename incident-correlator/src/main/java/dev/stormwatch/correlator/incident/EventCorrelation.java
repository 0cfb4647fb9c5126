package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 *
 * The stored facts of the tracking id are kept in step by {@link TrackedFacts}, the timeline entries written by
 * {@link UpdateTimeline}, and a new incident's id made by {@link IncidentIds}.
 */
public final class EventCorrelation {

    /** The incident an event was applied to, and one of its facts as now stored (the first the update changed). */
    public record Applied(IncidentDraft incident, EventRecord event) {}

    private final IncidentGrouping grouping;

    public EventCorrelation(IncidentGrouping grouping) {
        this.grouping = grouping;
    }

    /** Applies the event; empty when it changed nothing (stale, no catalog, hits nothing). */
    public Optional<Applied> apply(PlatformWork work, Envelope<?> cloudEvent) {
        HealthEvent event = cloudEvent.data(Events.HEALTH_EVENT);
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
        List<EventRecord> siblings = TrackedFacts.splitLegacy(work, tracking);
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

        List<FactChange> changes = new ArrayList<>();
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
                        changes.add(
                                new FactChange(s, s.withEvent(ProviderFacts.endedBy(s.event(), timed), lastUpdate)));
                    }
                }
                EventRecord first = siblings.get(0);
                changes.add(new FactChange(
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
                    ignored.add(UpdateTimeline.describe(fact.event(), catalog) + " (resolved at "
                            + previous.lastUpdate() + ")");
                    continue;
                }
                if (active && previous == null && ended != null && !lastUpdate.isAfter(ended.lastUpdate())) {
                    ignored.add(UpdateTimeline.describe(fact.event(), catalog) + " (" + tracking + " ended at "
                            + ended.lastUpdate() + ")");
                    continue;
                }
                List<Hit> hits = catalog.matcher().match(fact.event());
                if (hits.isEmpty() && previous == null) {
                    continue;
                }
                boolean outage = !fact.event().synthetic() && Impact.of(fact.event()) == Impact.OUTAGE;
                changes.add(new FactChange(
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
                                previous == null
                                        ? fact.services()
                                        : TrackedFacts.union(previous.services(), fact.services()),
                                previous == null ? lastUpdate : previous.firstSeen(),
                                outage || (previous != null && previous.outageSeen()))));
            }
            if (ProviderFacts.isFinal(event)) {
                TrackedFacts.endResourcesOfServices(siblings, timed, subscription, lastUpdate, changes);
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
            incident = grouping.find(work.view(), probe)
                    .map(r -> work.incident(r.id()))
                    .orElse(null);
        }
        boolean joined = incident != null && known == null;
        if (incident == null) {
            incident = IncidentDraft.open(
                    IncidentIds.incidentId(work.view().platformId(), tracking, start),
                    work.view().platformId(),
                    event.title() == null ? tracking : event.title(),
                    work.now(),
                    cloudEvent.isDrill(),
                    event.synthetic());
            work.opened(incident);
        }
        List<EventRecord> stored = new ArrayList<>();
        for (FactChange c : changes) {
            EventRecord next = TrackedFacts.withIncident(c.after(), incident.id());
            work.view().put(next);
            stored.add(next);
        }
        if (newestUpdate) {
            TrackedFacts.reviseTiming(work, incident, siblings, stored, impactStart, mitigation);
        }
        incident.cause(stored.get(0).label());
        stored.forEach(incident::addEvent);
        UpdateTimeline.note(work, incident, newest, newestUpdate, timed, changes, known == null, joined, catalog);
        work.statusesChanged();
        return Optional.of(new Applied(incident, stored.get(0)));
    }
}
