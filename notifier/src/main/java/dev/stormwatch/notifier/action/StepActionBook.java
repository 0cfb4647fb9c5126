package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.catalog.StepAction;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the step runner knows, rebuilt from Kafka at every start: the catalogs ({@code catalog.v1}), the recovery-step
 * decisions ({@code dr-decisions.v1}: snapshots, takings and starts) and the call ledger ({@code step-actions.v1}).
 * Memory is bounded by the compacted topics it mirrors.
 */
final class StepActionBook {

    private static final List<String> PHASES =
            List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED, StepActionEntry.OUTCOME);

    private final Map<String, Catalog> catalogs = new HashMap<>();
    private final Map<String, Decision> decisions = new HashMap<>();
    private final Map<String, StepActionEntry> ledger = new HashMap<>();

    void catalog(String platformId, CloudEvent event) {
        if (event == null) {
            catalogs.remove(platformId);
        } else {
            catalogs.put(platformId, JsonCodec.data(event, Catalog.class));
        }
    }

    /**
     * Applies one step-actions.v1 record. An entry never goes back a phase: the runner reads its own writes back after
     * it has recorded the phases that followed them, and reading {@code intended} back after {@code called} would have
     * the step called a second time.
     */
    void ledger(String key, CloudEvent event) {
        if (event == null) {
            ledger.remove(key);
        } else if (EventTypes.STEP_ACTION.equals(event.type())) {
            StepActionEntry read = JsonCodec.data(event, StepActionEntry.class);
            StepActionEntry known = ledger.get(key);
            if (known == null || phaseOrder(read.phase()) >= phaseOrder(known.phase())) {
                ledger.put(key, read);
            }
        }
    }

    private static int phaseOrder(String phase) {
        return PHASES.indexOf(phase);
    }

    /** Applies one dr-decisions.v1 record; only recovery steps are kept. */
    void decision(String id, CloudEvent event) {
        if (event == null) {
            decisions.remove(id);
            return;
        }
        Decision known = decisions.get(id);
        switch (event.type()) {
            case EventTypes.DECISION -> {
                Decision d = JsonCodec.data(event, Decision.class);
                if (d.kind() == DecisionKind.RECOVERY_STEP
                        && (known == null || d.version() >= known.version() || !d.isOpen())) {
                    decisions.put(id, d);
                }
            }
            case EventTypes.DECISION_TAKEN -> {
                Decision taken = JsonCodec.data(event, Decision.class);
                if (known != null && known.isOpen()) {
                    decisions.put(id, taken);
                }
            }
            case EventTypes.STEP_STARTED -> {
                StepStarted s = JsonCodec.data(event, StepStarted.class);
                if (known != null && known.startedAt() == null) {
                    decisions.put(id, known.started(s.by(), s.at()));
                }
            }
            default -> {}
        }
    }

    List<Decision> openSteps() {
        return decisions.values().stream().filter(Decision::isOpen).toList();
    }

    Optional<StepActionEntry> entry(String key) {
        return Optional.ofNullable(ledger.get(key));
    }

    void record(StepActionEntry entry) {
        ledger.put(entry.key(), entry);
    }

    /** The catalog step of a recovery-step decision, when its platform's catalog still has it. */
    Optional<RecoveryStep> step(Decision d) {
        Catalog c = catalogs.get(d.platformId());
        if (c == null || d.step() == null) {
            return Optional.empty();
        }
        return c.component(d.step().componentId())
                .map(Component::recovery)
                .flatMap(steps -> steps.stream()
                        .filter(s -> d.step().step().equals(s.name()))
                        .findFirst());
    }

    Optional<StepAction> action(Decision d) {
        return step(d).map(RecoveryStep::action);
    }

    /**
     * True once the steps the plan puts before this one (every step that finishes before it starts) are completed in
     * this run: an automated step starts itself only then.
     */
    boolean prerequisitesDone(Decision d) {
        Catalog c = catalogs.get(d.platformId());
        List<RecoveryPlan.StepSchedule> plan = RecoveryPlan.of(c).stepsInRunOrder();
        int self = d.step().runOrder() - 1;
        if (self < 0 || self >= plan.size()) {
            return false;
        }
        RecoveryPlan.StepSchedule mine = plan.get(self);
        for (int j = 0; j < plan.size(); j++) {
            if (j != self && plan.get(j).finish().compareTo(mine.start()) <= 0 && !completed(d.incidentId(), j + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean completed(String incidentId, int runOrder) {
        return decisions.values().stream()
                .anyMatch(o -> incidentId.equals(o.incidentId())
                        && o.step() != null
                        && o.step().runOrder() == runOrder
                        && o.state() == DecisionState.APPROVED);
    }

    /**
     * True when the action of an earlier attempt of this step failed or timed out: the step is then the people's, by
     * its failure process, and is not called again by itself.
     */
    boolean failedBefore(Decision d) {
        return ledger.values().stream()
                .anyMatch(e -> StepActionEntry.OUTCOME.equals(e.phase())
                        && !StepActionEntry.SUCCEEDED.equals(e.result())
                        && d.incidentId().equals(e.incidentId())
                        && d.step().componentId().equals(e.componentId())
                        && d.step().step().equals(e.step())
                        && !d.id().equals(e.key()));
    }
}
