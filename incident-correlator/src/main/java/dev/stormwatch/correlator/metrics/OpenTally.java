package dev.stormwatch.correlator.metrics;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.RecordChanges;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One platform's open work, kept in step with each change of an incident or a decision (what the record was before is
 * taken out, what it is now put in), so that a change costs the same however much is open. Used by the platform's task
 * thread only; {@link OpenWork} publishes immutable {@link OpenWork.Counts} from it.
 */
final class OpenTally implements RecordChanges {

    /** The real or the drill side. */
    private static final class Side {
        final Map<Severity, Long> incidents = new EnumMap<>(Severity.class);
        final Map<DecisionKind, Long> decisions = new EnumMap<>(DecisionKind.class);
        /** Per kind, the deadlines of its open decisions with how many share each: the first key is the earliest. */
        final Map<DecisionKind, TreeMap<Instant, Integer>> deadlines = new EnumMap<>(DecisionKind.class);

        OpenWork.Counts counts() {
            Map<DecisionKind, Instant> earliest = new EnumMap<>(DecisionKind.class);
            deadlines.forEach((kind, at) -> earliest.put(kind, at.firstKey()));
            return new OpenWork.Counts(Map.copyOf(incidents), Map.copyOf(decisions), Map.copyOf(earliest));
        }
    }

    private final Side real = new Side();
    private final Side drill = new Side();
    private boolean changed = true;

    @Override
    public void incident(IncidentRecord before, IncidentRecord after) {
        if (before != null && open(before.incident())) {
            count(side(before.incident().drill()).incidents, before.incident().severity(), -1);
        }
        if (after != null && open(after.incident())) {
            count(side(after.incident().drill()).incidents, after.incident().severity(), 1);
        }
        changed = true;
    }

    @Override
    public void decision(DecisionRecord before, DecisionRecord after) {
        if (before != null && before.decision().isOpen()) {
            Decision d = before.decision();
            Side side = side(d.drill());
            count(side.decisions, d.kind(), -1);
            if (d.deadline() != null) {
                TreeMap<Instant, Integer> at = side.deadlines.get(d.kind());
                at.merge(d.deadline(), -1, (a, b) -> a + b == 0 ? null : a + b);
                if (at.isEmpty()) {
                    side.deadlines.remove(d.kind());
                }
            }
        }
        if (after != null && after.decision().isOpen()) {
            Decision d = after.decision();
            Side side = side(d.drill());
            count(side.decisions, d.kind(), 1);
            if (d.deadline() != null) {
                side.deadlines.computeIfAbsent(d.kind(), k -> new TreeMap<>()).merge(d.deadline(), 1, Integer::sum);
            }
        }
        changed = true;
    }

    /** True once after each change (and at first): the published counts are due again. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    OpenWork.Counts counts(boolean drillWork) {
        return side(drillWork).counts();
    }

    private Side side(boolean drillWork) {
        return drillWork ? drill : real;
    }

    private static boolean open(Incident i) {
        return i.state() == IncidentState.OPEN || i.state() == IncidentState.MITIGATED;
    }

    /** Counts only what is there: a key whose count falls to zero goes, as if it had never been counted. */
    private static <K> void count(Map<K, Long> counts, K key, long by) {
        counts.merge(key, by, (a, b) -> a + b == 0 ? null : a + b);
    }
}
