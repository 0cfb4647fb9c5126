package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The stored facts of one tracking id, kept in step with each update: split, ended, re-timed. */
final class TrackedFacts {

    private TrackedFacts() {}

    /**
     * A record kept by a version that stored one record per tracking id (its key has no fact separator) becomes the
     * facts it stands for, as of its own last update, so that later updates change only what they name.
     */
    static List<EventRecord> splitLegacy(PlatformWork work, String tracking) {
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
    static void endResourcesOfServices(
            List<EventRecord> siblings,
            HealthEvent update,
            String subscription,
            Instant lastUpdate,
            List<FactChange> changes) {
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
                changes.add(new FactChange(s, s.withEvent(ProviderFacts.endedBy(s.event(), update), lastUpdate)));
            }
        }
    }

    /**
     * The newest update's impact start and mitigation apply to every fact of the tracking id, in every subscription.
     */
    static void reviseTiming(
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

    static EventRecord withIncident(EventRecord e, String incidentId) {
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

    static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
