package dev.stormwatch.correlator.incident;

import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The incident's {@code assessment}: what it means for this platform, in a few sentences a DR lead reads first. */
public final class Assessment {

    private Assessment() {}

    public static String of(IncidentDraft draft, List<EventRecord> events, CatalogView catalog, PlatformRun run) {
        if (draft.synthetic()) {
            return "Provider test alert (the action group's test button): correlated so that the wiring can be checked;"
                    + " no real impact, no status change, no DR decision.";
        }
        List<String> parts = new ArrayList<>();
        boolean ongoing = events.stream().anyMatch(EventRecord::ongoing);
        Map<String, Map<String, Impact>> byRegion = new TreeMap<>();
        for (EventRecord e : events) {
            if (!e.ongoing()) {
                continue;
            }
            for (Hit h : e.hits()) {
                byRegion.computeIfAbsent(h.region(), r -> new LinkedHashMap<>())
                        .merge(h.componentId(), e.impact(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        for (var region : ordered(byRegion, catalog).entrySet()) {
            parts.add(describe(region.getKey(), region.getValue(), catalog));
        }
        if (draft.readinessRisk()) {
            parts.add("DR readiness risk, not an outage: only the secondary region "
                    + catalog.regionName(catalog.secondary())
                    + " is impacted while the platform runs in " + catalog.regionName(catalog.primary())
                    + "; a failover now would land on impacted services.");
        } else if (run.mode().inSecondary() && draft.regions().contains(catalog.secondary())) {
            parts.add("The platform runs in " + catalog.regionName(catalog.secondary())
                    + " since the failover: this hits the running platform.");
        }
        if (draft.id().equals(run.episodeIncidentId())) {
            parts.add(episode(run.mode(), catalog));
        }
        if (!ongoing) {
            parts.add("The provider reports no ongoing impact.");
        }
        return String.join(" ", parts);
    }

    private static Map<String, Map<String, Impact>> ordered(
            Map<String, Map<String, Impact>> byRegion, CatalogView catalog) {
        Map<String, Map<String, Impact>> out = new LinkedHashMap<>();
        for (String first : new String[] {catalog.primary(), catalog.secondary()}) {
            if (byRegion.containsKey(first)) {
                out.put(first, byRegion.get(first));
            }
        }
        byRegion.forEach(out::putIfAbsent);
        return out;
    }

    private static String describe(String region, Map<String, Impact> components, CatalogView catalog) {
        Impact worst = components.values().stream().max(Enum::compareTo).orElse(Impact.NONE);
        String what = switch (worst) {
            case OUTAGE -> "Outage";
            case DEGRADED -> "Degradation";
            case MAINTENANCE -> "Planned maintenance";
            case NONE -> "Provider advisory (no status change)";
        };
        String role = region.equals(catalog.primary())
                ? "the primary region "
                : region.equals(catalog.secondary()) ? "the secondary region " : "region ";
        List<String> names = new ArrayList<>();
        components.forEach((id, impact) -> {
            var c = catalog.component(id);
            names.add(catalog.name(id)
                    + (c != null && c.service() != null ? " (" + c.service() + ")" : "")
                    + (impact != worst ? " " + impact.name().toLowerCase() : ""));
        });
        return what + " in " + role + catalog.regionName(region) + ": " + String.join(", ", names) + ".";
    }

    private static String episode(DrMode mode, CatalogView catalog) {
        String primary = catalog.regionName(catalog.primary());
        String secondary = catalog.regionName(catalog.secondary());
        return switch (mode) {
            case DECIDING -> "Priority components are down in the primary region: the invoke-dr decision is open.";
            case WAITING -> "DR declined: waiting for Microsoft to recover " + primary + ".";
            case RECOVERING -> "DR invoked: the recovery runbook runs in " + secondary + ".";
            case FAILED_OVER -> "Failed over: the platform runs in " + secondary + ".";
            case VALIDATING -> "Microsoft has resolved: the platform is validated in " + primary + " before handover.";
            case NORMAL -> "";
        };
    }
}
