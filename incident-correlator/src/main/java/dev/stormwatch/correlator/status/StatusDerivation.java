package dev.stormwatch.correlator.status;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Component status, per region and overall:
 *
 * <ul>
 *   <li>in each region a component runs in, the worst impact of the ongoing events that hit it there (outage, degraded,
 *       maintenance); else {@code impacted-upstream} when a component it depends on, directly or not, is degraded or
 *       down in that region; else {@code operational} — so the resolution of the last active event restores
 *       operational;
 *   <li>{@code state}, the status that counts, is the region the platform runs in: the primary normally;
 *       {@code recovering} for every component while the runbook runs or the platform is validated after Microsoft's
 *       recovery; {@code failed-over} once handed over in the secondary region, unless the secondary itself is degraded
 *       or down there.
 * </ul>
 *
 * Only the components whose status could have changed are worked out: those hit now, those downstream of them, and
 * those that were not operational before.
 */
public final class StatusDerivation implements PlatformWork.StatusRefresh {

    @Override
    public List<ComponentStatus> changed(PlatformWork work) {
        CatalogView catalog = work.catalog();
        if (catalog == null) {
            return List.of();
        }
        PlatformRun run = work.run();
        Map<String, Map<String, ComponentState>> direct = new HashMap<>();
        Map<String, Set<String>> causes = new HashMap<>();
        Map<String, String> incidentOf = new HashMap<>();
        for (EventRecord e : work.view().ongoingEvents()) {
            Impact impact = e.impact();
            if (impact == Impact.NONE) {
                continue;
            }
            for (Hit h : e.hits()) {
                if (catalog.component(h.componentId()) == null) {
                    continue;
                }
                direct.computeIfAbsent(h.componentId(), k -> new HashMap<>())
                        .merge(h.region(), impact.state(), StatusDerivation::worse);
                causes.computeIfAbsent(h.componentId(), k -> new TreeSet<>()).add(e.label());
                incidentOf.putIfAbsent(h.componentId(), e.incidentId());
            }
        }
        // Downstream of every degraded or down (component, region): impacted-upstream, with the roots that cause it.
        Map<String, Map<String, Set<String>>> upstream = new HashMap<>();
        direct.forEach((componentId, regions) -> regions.forEach((region, state) -> {
            if (state == ComponentState.DEGRADED || state == ComponentState.OUTAGE) {
                Deque<String> todo = new ArrayDeque<>(catalog.dependentsOf(componentId));
                Set<String> seen = new LinkedHashSet<>();
                while (!todo.isEmpty()) {
                    String d = todo.poll();
                    if (seen.add(d)) {
                        upstream.computeIfAbsent(d, k -> new HashMap<>())
                                .computeIfAbsent(region, k -> new TreeSet<>())
                                .add(componentId);
                        todo.addAll(catalog.dependentsOf(d));
                    }
                }
            }
        }));

        Set<String> candidates = new LinkedHashSet<>();
        boolean everyComponent = run.mode() == DrMode.RECOVERING
                || run.mode() == DrMode.FAILED_OVER
                || run.mode() == DrMode.VALIDATING
                || work.view().statuses().size() != catalog.components().size();
        if (everyComponent) {
            catalog.components().forEach(c -> candidates.add(c.id()));
        } else {
            // In catalog order, so that the records come out in a stable order.
            Set<String> touched = new java.util.HashSet<>(work.view().notOperational());
            touched.addAll(direct.keySet());
            touched.addAll(upstream.keySet());
            touched.stream()
                    .filter(id -> catalog.component(id) != null)
                    .sorted(Comparator.comparingInt(catalog::catalogOrder))
                    .forEach(candidates::add);
        }

        List<ComponentStatus> changed = new ArrayList<>();
        for (String id : candidates) {
            Component c = catalog.component(id);
            Map<String, ComponentState> regions = new LinkedHashMap<>();
            for (String region : catalog.matcher().regionsOf(id)) {
                ComponentState s = direct.getOrDefault(id, Map.of()).getOrDefault(region, ComponentState.OPERATIONAL);
                if (rank(s) < rank(ComponentState.IMPACTED_UPSTREAM)
                        && !upstream.getOrDefault(id, Map.of())
                                .getOrDefault(region, Set.of())
                                .isEmpty()) {
                    s = ComponentState.IMPACTED_UPSTREAM;
                }
                regions.put(region, s);
            }
            String counting = countingRegion(run, catalog, id);
            ComponentState state = state(run.mode(), regions.getOrDefault(counting, ComponentState.OPERATIONAL));
            List<String> up = state == ComponentState.IMPACTED_UPSTREAM
                    ? upstream.get(id).get(counting).stream()
                            .sorted(Comparator.comparingInt(catalog::catalogOrder))
                            .toList()
                    : List.of();
            Set<String> why = new TreeSet<>(causes.getOrDefault(id, Set.of()));
            up.forEach(u -> why.addAll(causes.getOrDefault(u, Set.of())));
            String incident = incidentOf.get(id);
            if (incident == null && !up.isEmpty()) {
                incident = incidentOf.get(up.get(0));
            }
            if (incident == null && state != ComponentState.OPERATIONAL) {
                incident = run.episodeIncidentId();
            }
            ComponentStatus before = work.view().status(id);
            ComponentStatus next = new ComponentStatus(
                    catalog.platformId(),
                    id,
                    c.displayName(),
                    c.layer(),
                    state,
                    regions,
                    List.copyOf(why),
                    up,
                    incident,
                    before != null && before.state() == state ? before.since() : work.now(),
                    work.now());
            if (before == null || !same(before, next)) {
                changed.add(next);
            }
        }
        return changed;
    }

    /** The region whose status counts: the one the platform runs in, if the component runs there. */
    private static String countingRegion(PlatformRun run, CatalogView catalog, String componentId) {
        List<String> regions = catalog.matcher().regionsOf(componentId);
        String preferred = run.mode().inSecondary() ? catalog.secondary() : catalog.primary();
        return regions.contains(preferred) || regions.isEmpty() ? preferred : regions.get(0);
    }

    private static ComponentState state(DrMode mode, ComponentState inRegion) {
        return switch (mode) {
            case RECOVERING, VALIDATING -> ComponentState.RECOVERING;
            case FAILED_OVER ->
                inRegion == ComponentState.DEGRADED || inRegion == ComponentState.OUTAGE
                        ? inRegion
                        : ComponentState.FAILED_OVER;
            case NORMAL, DECIDING, WAITING -> inRegion;
        };
    }

    private static boolean same(ComponentStatus a, ComponentStatus b) {
        return a.state() == b.state()
                && a.regions().equals(b.regions())
                && a.causes().equals(b.causes())
                && a.upstream().equals(b.upstream())
                && Objects.equals(a.incidentId(), b.incidentId())
                && Objects.equals(a.componentName(), b.componentName())
                && Objects.equals(a.layer(), b.layer());
    }

    /** Operational < maintenance < impacted-upstream < degraded < outage. */
    private static int rank(ComponentState s) {
        return switch (s) {
            case OPERATIONAL -> 0;
            case MAINTENANCE -> 1;
            case IMPACTED_UPSTREAM -> 2;
            case DEGRADED -> 3;
            case OUTAGE -> 4;
            case FAILED_OVER, RECOVERING -> 5;
        };
    }

    private static ComponentState worse(ComponentState a, ComponentState b) {
        return rank(a) >= rank(b) ? a : b;
    }
}
