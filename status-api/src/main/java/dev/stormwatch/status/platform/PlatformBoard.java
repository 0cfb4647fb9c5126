package dev.stormwatch.status.platform;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.incident.IncidentView;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Platform summaries and status grids from the catalogs and the component statuses. */
@Singleton
public class PlatformBoard {

    /** Display order of statuses, worst first: what leadership must see before anything else. */
    static final List<ComponentState> WORST_FIRST = List.of(
            ComponentState.OUTAGE,
            ComponentState.DEGRADED,
            ComponentState.IMPACTED_UPSTREAM,
            ComponentState.RECOVERING,
            ComponentState.FAILED_OVER,
            ComponentState.MAINTENANCE,
            ComponentState.OPERATIONAL);

    private final PlatformView platforms;
    private final IncidentView incidents;
    private final DecisionView decisions;

    public PlatformBoard(PlatformView platforms, IncidentView incidents, DecisionView decisions) {
        this.platforms = platforms;
        this.incidents = incidents;
        this.decisions = decisions;
    }

    public List<PlatformSummary> summaries() {
        return platforms.catalogs().stream().map(this::summary).toList();
    }

    public Optional<PlatformSummary> summary(String platformId) {
        return platforms.catalog(platformId).map(this::summary);
    }

    public Optional<StatusGrid> grid(String platformId) {
        return platforms.catalog(platformId).map(this::grid);
    }

    private PlatformSummary summary(Catalog c) {
        Map<String, Integer> states = new TreeMap<>();
        ComponentState worst = ComponentState.OPERATIONAL;
        for (Component component : c.components()) {
            ComponentState s = state(c, component);
            states.merge(s.wire(), 1, Integer::sum);
            if (WORST_FIRST.indexOf(s) < WORST_FIRST.indexOf(worst)) {
                worst = s;
            }
        }
        int openDecisions = (int) decisions.all().stream()
                .filter(d -> c.platformId().equals(d.decision().platformId())
                        && d.decision().state() == DecisionState.OPEN)
                .count();
        String drLead = c.platform().drLead() == null
                ? null
                : c.contact(c.platform().drLead())
                        .map(x -> x.name())
                        .orElse(c.platform().drLead());
        return new PlatformSummary(
                c.platformId(),
                c.platform().name(),
                Regions.canonical(c.platform().primaryRegion()),
                Regions.canonical(c.platform().secondaryRegion()),
                c.platform().strategy(),
                c.platform().rto(),
                c.platform().rpo(),
                drLead,
                c.components().size(),
                worst.wire(),
                states,
                (int) incidents.openCount(c.platformId()),
                openDecisions);
    }

    private StatusGrid grid(Catalog c) {
        String primary = Regions.canonical(c.platform().primaryRegion());
        String secondary = Regions.canonical(c.platform().secondaryRegion());
        Set<String> regions = new LinkedHashSet<>();
        addRegion(regions, primary);
        addRegion(regions, secondary);
        c.components().forEach(x -> x.regions().forEach(r -> addRegion(regions, Regions.canonical(r))));
        platforms.statuses(c.platformId()).forEach(s -> s.regions().keySet().forEach(r -> addRegion(regions, r)));

        Map<String, List<ComponentCell>> byLayer = new LinkedHashMap<>();
        Component.LAYERS.forEach(l -> byLayer.put(l, new ArrayList<>()));
        for (Component component : c.components()) {
            byLayer.computeIfAbsent(component.layer() == null ? "other" : component.layer(), l -> new ArrayList<>())
                    .add(cell(c, component, primary, secondary));
        }
        List<StatusGrid.LayerRow> rows = new ArrayList<>();
        byLayer.forEach((layer, cells) -> {
            cells.sort(Comparator.comparing(ComponentCell::priority));
            rows.add(new StatusGrid.LayerRow(layer, List.copyOf(cells)));
        });
        Map<String, String> names = new LinkedHashMap<>();
        regions.forEach(r -> names.put(r, r));
        if (primary != null) {
            names.put(primary, c.platform().primaryRegion().strip());
        }
        if (secondary != null) {
            names.put(secondary, c.platform().secondaryRegion().strip());
        }
        return new StatusGrid(c.platformId(), List.copyOf(regions), primary, secondary, names, rows);
    }

    private ComponentCell cell(Catalog c, Component component, String primary, String secondary) {
        Optional<ComponentStatus> status = platforms.status(c.platformId(), component.id());
        Map<String, String> byRegion = new LinkedHashMap<>();
        List<String> runsIn = component.regions().isEmpty()
                ? List.of(primary, secondary).stream().filter(r -> r != null).toList()
                : component.regions().stream().map(Regions::canonical).toList();
        for (String r : runsIn) {
            byRegion.put(r, ComponentState.OPERATIONAL.wire());
        }
        status.ifPresent(s -> s.regions().forEach((r, st) -> byRegion.put(r, st.wire())));
        return new ComponentCell(
                component.id(),
                component.displayName(),
                component.service(),
                component.layer(),
                component.priorityOrDefault(),
                state(c, component).wire(),
                byRegion,
                status.map(ComponentStatus::since).orElse(null),
                status.map(ComponentStatus::incidentId).orElse(null),
                status.map(ComponentStatus::causes).orElse(List.of()),
                status.map(ComponentStatus::moreCauses).orElse(false),
                status.map(ComponentStatus::upstream).orElse(List.of()),
                component.dependsOn());
    }

    /** A component without a status record is operational: the correlator writes statuses on change. */
    private ComponentState state(Catalog c, Component component) {
        return platforms
                .status(c.platformId(), component.id())
                .map(ComponentStatus::state)
                .orElse(ComponentState.OPERATIONAL);
    }

    private static void addRegion(Set<String> regions, String region) {
        if (region != null) {
            regions.add(region);
        }
    }
}
