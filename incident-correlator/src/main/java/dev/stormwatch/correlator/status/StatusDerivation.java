package dev.stormwatch.correlator.status;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.ComponentHits;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Only the components whose status could have changed are worked out: those whose events changed since the last time
 * and everything downstream of them, each from the events that hit it and the components it depends on; so one event
 * costs the same with one or a thousand incidents open elsewhere on the platform. Every component is worked out again
 * when the catalog or the DR episode changed, and while the platform recovers or runs in its secondary region.
 */
public final class StatusDerivation implements PlatformWork.StatusRefresh {

    /** How many of the tracking ids behind a status it lists. */
    static final int CAUSES_LISTED = 20;

    @Override
    public List<ComponentStatus> changed(PlatformWork work) {
        CatalogView catalog = work.catalog();
        Optional<Set<String>> touched = work.view().takeStatusChanges();
        if (catalog == null) {
            return List.of();
        }
        PlatformRun run = work.run();
        boolean everyComponent = touched.isEmpty()
                || run.mode() == DrMode.RECOVERING
                || run.mode() == DrMode.FAILED_OVER
                || run.mode() == DrMode.VALIDATING
                || work.view().statuses().size() != catalog.components().size();
        // The components whose status can have changed: those whose events changed and everything downstream of them.
        Set<String> candidates = new LinkedHashSet<>();
        if (everyComponent) {
            catalog.components().forEach(c -> candidates.add(c.id()));
        } else {
            Set<String> reach = new HashSet<>();
            Deque<String> toVisit = new ArrayDeque<>(touched.get());
            while (!toVisit.isEmpty()) {
                String id = toVisit.poll();
                if (reach.add(id)) {
                    toVisit.addAll(catalog.dependentsOf(id));
                }
            }
            // In catalog order, so that the records come out in a stable order.
            reach.stream()
                    .filter(id -> catalog.component(id) != null)
                    .sorted(Comparator.comparingInt(catalog::catalogOrder))
                    .forEach(candidates::add);
        }
        Hits hits = new Hits(work, catalog);
        // A candidate is impacted-upstream through the degraded or down components it depends on, directly or not.
        Set<String> roots = new HashSet<>();
        Deque<String> climb = new ArrayDeque<>(candidates);
        while (!climb.isEmpty()) {
            String id = climb.poll();
            Component c = catalog.component(id);
            if (roots.add(id) && c != null) {
                climb.addAll(c.dependsOn());
            }
        }
        Map<String, Map<String, Set<String>>> upstream = new HashMap<>();
        for (String root : roots) {
            hits.direct(root).forEach((region, state) -> {
                if (state == ComponentState.DEGRADED || state == ComponentState.OUTAGE) {
                    Deque<String> toVisit = new ArrayDeque<>(catalog.dependentsOf(root));
                    Set<String> seen = new LinkedHashSet<>();
                    while (!toVisit.isEmpty()) {
                        String d = toVisit.poll();
                        if (seen.add(d)) {
                            if (candidates.contains(d)) {
                                upstream.computeIfAbsent(d, k -> new HashMap<>())
                                        .computeIfAbsent(region, k -> new TreeSet<>())
                                        .add(root);
                            }
                            toVisit.addAll(catalog.dependentsOf(d));
                        }
                    }
                }
            });
        }

        List<ComponentStatus> changed = new ArrayList<>();
        for (String id : candidates) {
            Component c = catalog.component(id);
            Map<String, ComponentState> direct = hits.direct(id);
            Map<String, ComponentState> regions = new LinkedHashMap<>();
            for (String region : catalog.matcher().regionsOf(id)) {
                ComponentState s = direct.getOrDefault(region, ComponentState.OPERATIONAL);
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
            // The first tracking ids of the component's and its upstream's, in order: a regional outage puts
            // thousands behind one component, and the status says there are more rather than list them all.
            Set<String> why = new TreeSet<>();
            boolean more = false;
            for (String from : concat(id, up)) {
                ComponentHits of = hits.of(from);
                why.addAll(of.labels(CAUSES_LISTED));
                more |= of.labelCount() > CAUSES_LISTED;
            }
            more |= why.size() > CAUSES_LISTED;
            String incident = hits.incident(id);
            if (incident == null && !up.isEmpty()) {
                incident = hits.incident(up.get(0));
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
                    why.stream().limit(CAUSES_LISTED).toList(),
                    more,
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

    /** What the ongoing events say about one component, read once per derivation from its {@link ComponentHits}. */
    private static final class Hits {
        private final PlatformWork work;
        private final CatalogView catalog;
        private final Map<String, ComponentHits> read = new HashMap<>();

        Hits(PlatformWork work, CatalogView catalog) {
            this.work = work;
            this.catalog = catalog;
        }

        Map<String, ComponentState> direct(String componentId) {
            return read(componentId).worstByRegion();
        }

        ComponentHits of(String componentId) {
            return read(componentId);
        }

        String incident(String componentId) {
            return read(componentId).incident();
        }

        private ComponentHits read(String componentId) {
            return read.computeIfAbsent(
                    componentId,
                    id -> catalog.component(id) == null
                            ? ComponentHits.none()
                            : work.view().ongoingHits(id));
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
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
                && a.moreCauses() == b.moreCauses()
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
}
