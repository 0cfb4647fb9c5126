package dev.stormwatch.correlator.metrics;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What is open per platform on this instance, for the gauges: incidents by severity, decisions by kind and the earliest
 * open deadline of each kind, real and drill apart. The state stores are the truth; the platform task refreshes this
 * in-memory view after every change and on its timer, and the metrics endpoint reads it from another thread (each
 * platform's entry is an immutable value swapped at once).
 */
@Singleton
public class OpenWork {

    /** One platform's open work; {@code drill} picks the drill's records or the real ones. */
    public record Counts(
            Map<Severity, Long> incidents,
            Map<DecisionKind, Long> decisions,
            Map<DecisionKind, Instant> earliestDeadline) {

        static Counts empty() {
            return new Counts(Map.of(), Map.of(), Map.of());
        }
    }

    private final Map<String, Counts> real = new ConcurrentHashMap<>();
    private final Map<String, Counts> drill = new ConcurrentHashMap<>();
    private final Set<String> platforms = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<String>> newPlatform = new CopyOnWriteArrayList<>();

    /** {@code listener} hears of every platform the first time this instance sees it (and of those already seen). */
    public void onNewPlatform(Consumer<String> listener) {
        newPlatform.add(listener);
        platforms.forEach(listener);
    }

    /** The platform's open work, worked out again from its incidents and decisions. */
    public void refresh(String platformId, Collection<IncidentRecord> incidents, Collection<DecisionRecord> decisions) {
        Map<Severity, Long> realIncidents = new EnumMap<>(Severity.class);
        Map<Severity, Long> drillIncidents = new EnumMap<>(Severity.class);
        for (IncidentRecord r : incidents) {
            Incident i = r.incident();
            if (i.state() == IncidentState.OPEN || i.state() == IncidentState.MITIGATED) {
                (i.drill() ? drillIncidents : realIncidents).merge(i.severity(), 1L, Long::sum);
            }
        }
        Map<DecisionKind, Long> realDecisions = new EnumMap<>(DecisionKind.class);
        Map<DecisionKind, Long> drillDecisions = new EnumMap<>(DecisionKind.class);
        Map<DecisionKind, Instant> realDeadlines = new EnumMap<>(DecisionKind.class);
        Map<DecisionKind, Instant> drillDeadlines = new EnumMap<>(DecisionKind.class);
        for (DecisionRecord r : decisions) {
            Decision d = r.decision();
            if (!d.isOpen()) {
                continue;
            }
            (d.drill() ? drillDecisions : realDecisions).merge(d.kind(), 1L, Long::sum);
            if (d.deadline() != null) {
                (d.drill() ? drillDeadlines : realDeadlines)
                        .merge(d.kind(), d.deadline(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        real.put(
                platformId,
                new Counts(Map.copyOf(realIncidents), Map.copyOf(realDecisions), Map.copyOf(realDeadlines)));
        drill.put(
                platformId,
                new Counts(Map.copyOf(drillIncidents), Map.copyOf(drillDecisions), Map.copyOf(drillDeadlines)));
        if (platforms.add(platformId)) {
            newPlatform.forEach(l -> l.accept(platformId));
        }
    }

    /** The platform's task moved to another instance: its figures are that instance's to report now. */
    public void release(String platformId) {
        real.remove(platformId);
        drill.remove(platformId);
    }

    public Counts of(String platformId, boolean drillWork) {
        Counts c = (drillWork ? drill : real).get(platformId);
        return c == null ? Counts.empty() : c;
    }
}
