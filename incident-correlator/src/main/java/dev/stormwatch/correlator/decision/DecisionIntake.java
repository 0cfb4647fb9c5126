package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import org.jboss.logging.MDC;

/**
 * Applies a decision a person took through status-api ({@code decision-taken} on dr-decisions.v1) to the decision the
 * correlator raised: only while it is still open, and only approve or decline. The correlator writes the next snapshot
 * (who, when, why, evidence) and moves the flow on. Anything else is recorded in the audit trail as ignored, with the
 * reason; a taking that lost to another one names the winner. Each taking has its own CloudEvent id, so two people's
 * takings of one version both arrive here and only a re-delivery of the same one is dropped as a duplicate.
 */
public final class DecisionIntake {

    private final DrFlow flow;

    public DecisionIntake(DrFlow flow) {
        this.flow = flow;
    }

    public void apply(PlatformWork work, Envelope<?> cloudEvent) {
        Decision taken = cloudEvent.data(Events.DECISION_TAKEN);
        DecisionRecord current = work.view().decision(taken.id());
        if (current == null) {
            work.audit(
                    "decision-taken-ignored",
                    taken.id(),
                    "no such decision for platform " + work.view().platformId(),
                    cloudEvent.isDrill());
            return;
        }
        Decision d = current.decision();
        // For the log lines of this record (the platform task clears them after).
        MDC.put("decisionId", d.id());
        MDC.put("incidentId", d.incidentId());
        if (!d.isOpen()) {
            // Two people acting at once (on two status-api instances) both get through; the first one applied wins and
            // the trail names it, so that nobody reads the other action as what happened.
            work.audit(
                    "decision-taken-ignored",
                    d.id(),
                    taken.state().wire() + " by " + taken.decidedBy() + " ignored: already " + decided(d),
                    d.drill());
            return;
        }
        if (taken.state() != DecisionState.APPROVED && taken.state() != DecisionState.DECLINED) {
            work.audit(
                    "decision-taken-ignored",
                    d.id(),
                    "a person can approve or decline, not set " + taken.state().wire(),
                    d.drill());
            return;
        }
        Decision next = d.closed(
                taken.state(),
                taken.decidedBy(),
                taken.decidedAt() == null ? work.now() : taken.decidedAt(),
                taken.reason(),
                taken.evidence());
        DecisionRecord record = current.with(next);
        work.decision(record);
        IncidentDraft incident = work.incident(d.incidentId());
        if (incident != null) {
            incident.cause(d.id());
            incident.note(
                    work.now(),
                    d.kind().wire() + " " + next.state().wire() + " by " + next.decidedBy()
                            + (next.reason() == null ? "" : ": " + next.reason()),
                    d.id());
        }
        work.audit(
                "decision-taken",
                d.id(),
                d.kind().wire() + " " + next.state().wire() + " by " + next.decidedBy()
                        + (next.reason() == null ? "" : "; reason: " + next.reason())
                        + (next.evidence() == null ? "" : "; evidence: " + next.evidence()),
                d.drill());
        flow.afterDecision(work, record);
        work.statusesChanged();
    }

    /** How a closed decision was closed: "approved by priya at 2026-11-22T11:25:00Z", "expired". */
    static String decided(Decision d) {
        return d.state().wire()
                + (d.decidedBy() == null ? "" : " by " + d.decidedBy())
                + (d.decidedAt() == null ? "" : " at " + d.decidedAt());
    }

    /**
     * A responder started the runbook step of a recovery-step decision (step-started on dr-decisions.v1): recorded on
     * the decision (startedBy, startedAt) as its next snapshot, so that a drill measures the step from here to its
     * approval. Only an open recovery step that was not started yet; anything else is audited as ignored.
     */
    public void started(PlatformWork work, Envelope<?> cloudEvent) {
        StepStarted start = cloudEvent.data(Events.STEP_STARTED);
        DecisionRecord current = work.view().decision(start.decisionId());
        if (current == null) {
            work.audit(
                    "step-started-ignored",
                    start.decisionId(),
                    "no such decision for platform " + work.view().platformId(),
                    cloudEvent.isDrill());
            return;
        }
        Decision d = current.decision();
        MDC.put("decisionId", d.id());
        MDC.put("incidentId", d.incidentId());
        String refusal = d.kind() != DecisionKind.RECOVERY_STEP
                ? "only a recovery step is started; this is " + d.kind().wire()
                : !d.isOpen()
                        ? "the step is already " + decided(d)
                        : d.startedAt() != null
                                ? "the step was already started by " + d.startedBy() + " at " + d.startedAt()
                                : null;
        if (refusal != null) {
            work.audit("step-started-ignored", d.id(), "start by " + start.by() + " ignored: " + refusal, d.drill());
            return;
        }
        Instant at = start.at() == null ? work.now() : start.at();
        work.decision(current.with(d.started(start.by(), at)));
        IncidentDraft incident = work.incident(d.incidentId());
        if (incident != null) {
            incident.note(
                    work.now(),
                    "Recovery step " + d.step().runOrder() + " (" + d.step().step() + ") started by " + start.by()
                            + (d.drill() ? " (drill)" : ""),
                    d.id());
        }
        work.audit(
                "recovery-step-started",
                d.id(),
                "step " + d.step().runOrder() + " started by " + start.by() + " at " + at
                        + (start.via() == null ? "" : " via " + start.via()),
                d.drill());
        flow.drills().changed(work, d.incidentId());
    }
}
