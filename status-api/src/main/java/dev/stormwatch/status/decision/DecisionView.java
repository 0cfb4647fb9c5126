package dev.stormwatch.status.decision;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions from {@code dr-decisions.v1}: the correlator's snapshots (type DECISION, newest version wins), the
 * approvals/declines people took here (type DECISION_TAKEN) and the recovery steps they started (STEP_STARTED). A taken
 * decision shows as taken, pending the correlator's confirmation, until a snapshot with a higher version arrives.
 */
@Singleton
public class DecisionView implements TopicView {

    private final Map<String, Decision> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Decision> taken = new ConcurrentHashMap<>();
    /** Decisions whose taking above was read from the topic, not only taken here: the topic's order decides. */
    private final Set<String> takenFromTopic = ConcurrentHashMap.newKeySet();

    private final Map<String, StepStarted> started = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DR_DECISIONS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone()) {
            snapshots.remove(record.key());
            taken.remove(record.key());
            takenFromTopic.remove(record.key());
            return;
        }
        String type = record.event().type();
        if (EventTypes.DECISION.equals(type)) {
            Decision d = JsonCodec.data(record.event(), Decision.class);
            snapshots.merge(d.id(), d, (old, now) -> now.version() > old.version() ? now : old);
        } else if (EventTypes.DECISION_TAKEN.equals(type)) {
            readTaken(JsonCodec.data(record.event(), Decision.class));
        } else if (EventTypes.STEP_STARTED.equals(type)) {
            recordStarted(JsonCodec.data(record.event(), StepStarted.class));
        }
    }

    /** Records a decision taken here; it stands until the topic shows which taking of its version came first. */
    public void recordTaken(Decision decision) {
        taken.compute(decision.id(), (id, old) -> {
            if (old == null || decision.version() > old.version()) {
                takenFromTopic.remove(id);
                return decision;
            }
            return old;
        });
    }

    /**
     * A taking read from dr-decisions.v1: the first one of a version in the topic wins, as it does in the correlator,
     * even over one taken here at the same time by another person on this instance's side.
     */
    private void readTaken(Decision decision) {
        taken.compute(decision.id(), (id, old) -> {
            if (old == null
                    || decision.version() > old.version()
                    || (decision.version() == old.version() && !takenFromTopic.contains(id))) {
                takenFromTopic.add(id);
                return decision;
            }
            return old;
        });
    }

    /** Records a step started here or by another instance; the first start of a decision stands. */
    public void recordStarted(StepStarted start) {
        started.putIfAbsent(start.decisionId(), start);
    }

    /**
     * The decision as it stands: the correlator's snapshot, or a taking it has not confirmed yet; a step started here
     * shows as started (pending) until the correlator's snapshot records the start.
     */
    public Optional<Current> current(String id) {
        Decision snapshot = snapshots.get(id);
        Decision t = taken.get(id);
        if (t != null && (snapshot == null || (snapshot.isOpen() && snapshot.version() <= t.version()))) {
            return Optional.of(new Current(withStart(t), true));
        }
        if (snapshot != null && snapshot.startedAt() == null && started.containsKey(id)) {
            return Optional.of(new Current(withStart(snapshot), true));
        }
        return Optional.ofNullable(snapshot).map(s -> new Current(s, false));
    }

    private Decision withStart(Decision d) {
        StepStarted s = started.get(d.id());
        if (s == null || d.startedAt() != null) {
            return d;
        }
        return d.withStart(s.by(), s.at());
    }

    public Collection<Current> all() {
        return snapshots.keySet().stream()
                .map(this::current)
                .flatMap(Optional::stream)
                .toList();
    }

    public List<Current> forIncident(String incidentId) {
        return all().stream()
                .filter(c -> incidentId.equals(c.decision().incidentId()))
                .toList();
    }

    /**
     * A decision and whether its state comes from a taking here that the correlator has not yet confirmed with a
     * snapshot.
     */
    public record Current(Decision decision, boolean pending) {}
}
