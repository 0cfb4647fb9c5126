package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One health event per (tracking id, service), carrying every region of that service, as Azure's own
 * {@code impactedServices} lists them: a Front Door + CDN issue is two events, each updated and resolved on its own, so
 * that a later update naming one service never reads as the other one's end.
 */
public final class PerService {

    private PerService() {}

    /** {@code events} with every multi-service event split into one event per service (first-seen order kept). */
    public static List<HealthEvent> split(List<HealthEvent> events) {
        List<HealthEvent> out = new ArrayList<>(events.size());
        for (HealthEvent e : events) {
            out.addAll(split(e));
        }
        return out;
    }

    static List<HealthEvent> split(HealthEvent e) {
        Map<String, List<ImpactedService>> byService = new LinkedHashMap<>();
        for (ImpactedService pair : e.impacted()) {
            String service = pair.service() == null ? "" : pair.service().toLowerCase(Locale.ROOT);
            byService.computeIfAbsent(service, s -> new ArrayList<>()).add(pair);
        }
        if (byService.size() <= 1) {
            return List.of(e);
        }
        List<HealthEvent> out = new ArrayList<>(byService.size());
        for (List<ImpactedService> pairs : byService.values()) {
            out.add(e.withScope(pairs, e.resourceIds()));
        }
        return out;
    }
}
