package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Writes what a provider update changed on the incident's timeline, as the provider reported it. */
final class UpdateTimeline {

    private UpdateTimeline() {}

    static void note(
            PlatformWork work,
            IncidentDraft incident,
            EventRecord newest,
            boolean newestUpdate,
            HealthEvent e,
            List<FactChange> changes,
            boolean first,
            boolean joined,
            CatalogView catalog) {
        String label = changes.get(0).after().label();
        Instant at = changes.get(0).after().lastUpdate();
        String stage = e.stage() == null ? "active" : e.stage().wire();
        List<FactChange> added = changes.stream()
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
        Map<String, List<FactChange>> byStage = new LinkedHashMap<>();
        for (FactChange c : changes) {
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

    static void revision(IncidentDraft incident, Instant at, String label, String what, Instant before, Instant after) {
        if (before != null && after != null && !before.equals(after)) {
            incident.noteAsReported(
                    at, label + ": the provider revised the " + what + " from " + before + " to " + after, label);
        }
    }

    /** "Key Vault in West Europe, Storage in West Europe", or the resources: what the facts are about. */
    static String facts(List<FactChange> changes, CatalogView catalog) {
        return changes.stream()
                .map(c -> describe(c.after().event(), catalog))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    static String describe(HealthEvent fact, CatalogView catalog) {
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

    static String hits(List<FactChange> changes, CatalogView catalog) {
        return changes.stream()
                .flatMap(c -> c.after().hits().stream())
                .distinct()
                .map(h -> h.componentId() + "@" + h.region())
                .collect(Collectors.joining(", "));
    }
}
