package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Brings an incident up to date with its events and the platform's DR state: components and regions hit, severity,
 * readiness risk, assessment, and the lifecycle {@code open → mitigated → resolved → closed}.
 *
 * <ul>
 *   <li>open while any of its events is ongoing (reopened if one becomes active again);
 *   <li>mitigated once the provider reports no ongoing impact but the platform's DR episode for it is not over
 *       (recovery, validation or fallback still to do);
 *   <li>resolved when nothing is left to do;
 *   <li>closed once resolved and the pir-review decision for it was approved.
 * </ul>
 */
public final class IncidentLifecycle implements PlatformWork.IncidentRefresh {

    @Override
    public void refresh(PlatformWork work, IncidentDraft draft) {
        CatalogView catalog = work.catalog();
        if (catalog == null) {
            return;
        }
        DrillReport drill = draft.drill() ? work.view().drillOfIncident(draft.id()) : null;
        if (drill != null) {
            drillIncident(work, draft, drill, catalog);
            return;
        }
        PlatformRun run = work.run();
        List<EventRecord> events = work.view().eventsOf(draft.id());
        String running = run.mode().inSecondary() ? catalog.secondary() : catalog.primary();

        List<Hit> footprint = draft.footprint();
        draft.components(footprint.stream()
                .map(Hit::componentId)
                .distinct()
                .sorted(Comparator.comparingInt(catalog::catalogOrder))
                .toList());
        draft.regions(regions(footprint, catalog));
        boolean primaryHit = draft.regions().contains(catalog.primary());
        draft.primaryRegionHit(primaryHit);
        draft.readinessRisk(!draft.synthetic()
                && !primaryHit
                && draft.regions().contains(catalog.secondary())
                && !run.mode().inSecondary());

        events.stream()
                .map(EventRecord::start)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .ifPresent(draft::impactStart);
        events.stream()
                .map(EventRecord::start)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .ifPresent(draft::lastImpactStart);

        severity(work, draft, events, catalog, running);
        lifecycle(work, draft, events, run);
        draft.assessment(Assessment.of(draft, events, catalog, run));
        // The notifier pages maintenance-only incidents in working hours; any other kind of event makes it urgent.
        draft.plannedMaintenance(!events.isEmpty()
                && events.stream().allMatch(e -> e.event().kind() == HealthEventKind.PLANNED_MAINTENANCE));
    }

    private static void severity(
            PlatformWork work, IncidentDraft draft, List<EventRecord> events, CatalogView catalog, String running) {
        Severity computed = null;
        for (EventRecord e : events) {
            if (!e.ongoing()) {
                continue;
            }
            for (Hit h : e.hits()) {
                Component c = catalog.component(h.componentId());
                int priority = c == null ? 5 : c.priorityOrDefault();
                computed = SeverityRule.worst(
                        computed,
                        SeverityRule.of(e.impact(), priority, h.region().equals(running)));
            }
        }
        Severity before = draft.severity();
        Severity next =
                draft.isNew() ? (computed == null ? Severity.SEV4 : computed) : SeverityRule.worst(before, computed);
        if (next != before) {
            draft.severity(next);
            if (!draft.isNew()) {
                draft.note(work.now(), "Severity " + before.wire() + " → " + next.wire(), draft.cause());
            }
        }
    }

    private static void lifecycle(PlatformWork work, IncidentDraft draft, List<EventRecord> events, PlatformRun run) {
        boolean ongoing = events.stream().anyMatch(EventRecord::ongoing);
        boolean pending = draft.id().equals(run.episodeIncidentId()) && run.mode() != DrMode.NORMAL;
        IncidentState target =
                ongoing ? IncidentState.OPEN : pending ? IncidentState.MITIGATED : IncidentState.RESOLVED;
        if (target == IncidentState.RESOLVED && draft.pirReviewed()) {
            target = IncidentState.CLOSED;
        }
        if (draft.state() == IncidentState.CLOSED && !ongoing) {
            return;
        }
        Instant now = work.now();
        if (target != IncidentState.OPEN) {
            // The provider's own mitigation time, when it says one, is when the impact ended; it follows the provider's
            // revisions of it, both ways.
            events.stream()
                    .map(e -> e.event().impactMitigation())
                    .filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .ifPresent(draft::mitigatedAt);
        }
        List<IncidentState> path = new ArrayList<>();
        if (target == IncidentState.CLOSED && draft.state() != IncidentState.RESOLVED) {
            path.add(IncidentState.RESOLVED);
        }
        path.add(target);
        for (IncidentState next : path) {
            IncidentState before = draft.state();
            if (next == before) {
                continue;
            }
            draft.state(next, now);
            draft.note(now, "State " + before.wire() + " → " + next.wire() + why(next, before, pending), draft.cause());
        }
    }

    private static String why(IncidentState next, IncidentState before, boolean pending) {
        return switch (next) {
            case OPEN -> before == IncidentState.OPEN ? "" : ": the provider reports impact again";
            case MITIGATED ->
                pending ? ": the provider reports no ongoing impact; the platform's recovery is not over" : "";
            case RESOLVED -> ": nothing left to do for the platform";
            case CLOSED -> ": the provider's PIR was reviewed";
        };
    }

    private static List<String> regions(List<Hit> footprint, CatalogView catalog) {
        Set<String> all = new LinkedHashSet<>();
        footprint.forEach(h -> all.add(h.region()));
        List<String> out = new ArrayList<>();
        for (String first : new String[] {catalog.primary(), catalog.secondary()}) {
            if (all.remove(first)) {
                out.add(first);
            }
        }
        all.stream().sorted().forEach(out::add);
        return out;
    }

    /** A drill's incident: open while the drill runs, resolved once it is completed or abandoned. */
    private static void drillIncident(PlatformWork work, IncidentDraft draft, DrillReport drill, CatalogView catalog) {
        IncidentState target = drill.isFinal() ? IncidentState.RESOLVED : IncidentState.OPEN;
        IncidentState before = draft.state();
        if (target != before) {
            draft.state(target, work.now());
            draft.note(
                    work.now(),
                    "State " + before.wire() + " → " + target.wire() + ": the drill is "
                            + drill.state().wire(),
                    null);
        }
        String phase = switch (drill.state()) {
            case INVOKING -> "invoke-dr (drill) is open.";
            case RECOVERING ->
                "DR invoked (drill): the recovery runbook is rehearsed in " + catalog.regionName(catalog.secondary())
                        + ".";
            case SIGNING_OFF -> "Recovery rehearsed: business sign-off, handovers and fallback are rehearsed.";
            case COMPLETED -> "The drill is completed.";
            case ABANDONED -> "The drill was abandoned.";
        };
        draft.assessment("DR drill " + drill.drillId() + " of " + catalog.platformName() + ": a rehearsal, not an"
                + " outage; nothing here changes the platform's real status or DR state. " + phase);
    }
}
