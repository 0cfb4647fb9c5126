package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.DrActions;
import dev.stormwatch.correlator.handover.DataTimestamp;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A drill moves on through its own decisions, as a real DR episode does through the platform's. */
final class DrillDecisions {

    private final DecisionFactory decisions;

    DrillDecisions(DecisionFactory decisions) {
        this.decisions = decisions;
    }

    /** After a person approved or declined one of the drill's decisions (already stored with its new state). */
    void afterDecision(PlatformWork work, DecisionRecord taken) {
        Decision d = taken.decision();
        DrillReport drill = work.view().drillOfIncident(d.incidentId());
        CatalogView c = work.catalog();
        if (drill == null || drill.isFinal() || c == null) {
            return;
        }
        IncidentDraft incident = work.incident(d.incidentId());
        boolean approved = d.state() == DecisionState.APPROVED;
        Instant at = d.decidedAt() == null ? work.now() : d.decidedAt();
        switch (d.kind()) {
            case INVOKE_DR -> {
                if (drill.state() != DrillState.INVOKING) {
                    break;
                }
                if (approved) {
                    drill = drill.invoked(d.decidedBy(), at);
                    DrActions.note(
                            work,
                            incident,
                            "DR invoked (drill) by " + d.decidedBy() + ": rehearsing the failover to "
                                    + c.regionName(c.secondary()),
                            d.id());
                    work.audit(
                            "dr-invoked",
                            d.id(),
                            "drill " + drill.drillId() + ": approved by " + d.decidedBy()
                                    + "; runbook of "
                                    + c.plan().stepsInRunOrder().size() + " steps, "
                                    + DurationText.format(c.plan().total()),
                            true);
                    List<DecisionRecord> steps = decisions.recoverySteps(work, d.incidentId(), work.now(), true);
                    steps.forEach(work::decision);
                    if (steps.isEmpty()) {
                        drill = drill.withState(DrillState.SIGNING_OFF);
                        DrActions.raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, true),
                                "No runbook steps in the catalog: business sign-off (drill) raised");
                    }
                } else {
                    DrillReports.cancelOpen(work, drill, "invoke-dr (drill) declined");
                    drill = drill.ended(DrillState.ABANDONED, drill.note(), work.now());
                    DrActions.note(
                            work,
                            incident,
                            "invoke-dr (drill) declined by " + d.decidedBy() + ": the drill ends without a failover",
                            d.id());
                    work.audit(
                            "drill-abandoned", drill.drillId(), "invoke-dr (drill) declined by " + d.decidedBy(), true);
                }
            }
            case RECOVERY_STEP -> {
                if (drill.state() != DrillState.RECOVERING) {
                    break;
                }
                if (approved) {
                    DrillReport measured = DrillMeasure.measure(
                            drill,
                            c,
                            work.view().decisions(),
                            work.config().feasibility().suspectBelow());
                    if (measured.steps().stream().allMatch(s -> s.completedAt() != null)) {
                        drill = drill.withState(DrillState.SIGNING_OFF);
                        DrActions.raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, true),
                                "Technical recovery (drill) complete: business sign-off (drill) raised");
                    }
                } else {
                    DecisionRecord again = decisions.recoveryStepAgain(
                            work, taken, c.plan().stepsInRunOrder().size());
                    DrActions.raise(
                            work,
                            incident,
                            again,
                            "Recovery step " + d.step().runOrder() + " (drill) failed: put forward again");
                    work.audit(
                            "recovery-step-failed",
                            d.id(),
                            "failure process: " + d.step().onFailure() + "; escalate to "
                                    + d.step().escalation(),
                            true);
                }
            }
            case BUSINESS_SIGNOFF -> {
                if (drill.state() != DrillState.SIGNING_OFF) {
                    break;
                }
                if (approved) {
                    drill = drill.signedOff(d.decidedBy(), at);
                    Map<String, Instant> fromSteps = DrillReports.stepTimestamps(work, d.incidentId());
                    Optional<Instant> fromSignoff = DataTimestamp.in(d.evidence());
                    Instant promised = c.rpo() == null
                            ? drill.startedAt()
                            : drill.startedAt().minus(c.rpo());
                    DrActions.handOver(
                            work,
                            incident,
                            HandoverReason.FAILED_OVER,
                            c.secondary(),
                            id -> fromSteps.getOrDefault(id, fromSignoff.orElse(promised)));
                    DrActions.raise(
                            work,
                            incident,
                            decisions.fallback(work, d.incidentId(), true),
                            "Fallback (drill) raised at once: in a drill there is no provider to wait for");
                } else {
                    DrActions.raise(
                            work,
                            incident,
                            decisions.businessSignoff(work, d.incidentId(), true, true),
                            "Business sign-off (drill) declined: put forward again");
                }
            }
            case FALLBACK -> {
                if (drill.state() != DrillState.SIGNING_OFF) {
                    break;
                }
                if (approved) {
                    DrActions.handOver(
                            work,
                            incident,
                            HandoverReason.FALLBACK_COMPLETE,
                            c.primary(),
                            id -> DataTimestamp.in(d.evidence()).orElse(at));
                    DrillReports.cancelOpen(work, drill, "the drill is complete");
                    drill = drill.ended(DrillState.COMPLETED, drill.note(), work.now());
                    DrActions.note(
                            work,
                            incident,
                            "DR drill " + drill.drillId() + " completed: fallback to " + c.regionName(c.primary())
                                    + " rehearsed",
                            d.id());
                } else {
                    DrActions.raise(
                            work,
                            incident,
                            decisions.fallback(work, d.incidentId(), true),
                            "Fallback (drill) declined: put forward again");
                }
            }
            case PIR_REVIEW -> {
                // A drill has no provider incident to review.
            }
        }
        DrillReports.changed(work, drill);
    }

    /** The drill's invoke-dr expired: raised again with the RTO at risk, as in a real episode. */
    void afterExpiry(PlatformWork work, DecisionRecord expired) {
        Decision d = expired.decision();
        DrillReport drill = work.view().drillOfIncident(d.incidentId());
        if (drill == null
                || drill.state() != DrillState.INVOKING
                || d.kind() != DecisionKind.INVOKE_DR
                || work.catalog() == null) {
            return;
        }
        DrActions.raise(
                work,
                work.incident(d.incidentId()),
                decisions.invokeDr(work, d.incidentId(), drill.startedAt(), true, true),
                "invoke-dr (drill) expired without a decision: raised again, RTO at risk");
    }
}
