package dev.stormwatch.correlator.metrics;

import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.RecordChanges;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What is open per platform on this instance, for the gauges: incidents by severity, decisions by kind and the earliest
 * open deadline of each kind, real and drill apart. The state stores are the truth: a platform's task counts its open
 * work once when it reads the platform's view from them ({@link #track}), keeps the counts in step with each change of
 * the view after that, and publishes them once each input or tick is committed. The metrics endpoint reads them from
 * another thread (each platform's entry is an immutable value swapped at once).
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
    /** Each platform's running counts, changed by its task's thread only. */
    private final Map<String, OpenTally> tallies = new ConcurrentHashMap<>();

    private final Set<String> platforms = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<String>> newPlatform = new CopyOnWriteArrayList<>();

    /** {@code listener} hears of every platform the first time this instance sees it (and of those already seen). */
    public void onNewPlatform(Consumer<String> listener) {
        newPlatform.add(listener);
        platforms.forEach(listener);
    }

    /**
     * Counts the open work of a platform whose view was just read from the stores, publishes it, and returns what keeps
     * the counts in step with every later change of that view (until the platform is tracked again or released).
     */
    public RecordChanges track(
            String platformId, Collection<IncidentRecord> incidents, Collection<DecisionRecord> decisions) {
        OpenTally tally = new OpenTally();
        incidents.forEach(i -> tally.incident(null, i));
        decisions.forEach(d -> tally.decision(null, d));
        tallies.put(platformId, tally);
        publish(platformId);
        return tally;
    }

    /**
     * Shows the platform's counts as they are now: its task calls this once an input's or a tick's changes are stored.
     */
    public void publish(String platformId) {
        OpenTally tally = tallies.get(platformId);
        if (tally == null || !tally.takeChanged()) {
            return;
        }
        real.put(platformId, tally.counts(false));
        drill.put(platformId, tally.counts(true));
        if (platforms.add(platformId)) {
            newPlatform.forEach(l -> l.accept(platformId));
        }
    }

    /** The platform's task moved to another instance: its figures are that instance's to report now. */
    public void release(String platformId) {
        tallies.remove(platformId);
        real.remove(platformId);
        drill.remove(platformId);
    }

    public Counts of(String platformId, boolean drillWork) {
        Counts c = (drillWork ? drill : real).get(platformId);
        return c == null ? Counts.empty() : c;
    }
}
