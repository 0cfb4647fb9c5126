package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.correlator.incident.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;

/**
 * Applies a decision a person took through status-api ({@code decision-taken} on dr-decisions.v1) to the decision the
 * correlator raised: only while it is still open, and only approve or decline. The correlator writes the next
 * snapshot (who, when, why, evidence) and moves the flow on. Anything else is recorded in the audit trail as ignored,
 * with the reason.
 */
public final class DecisionIntake {

    private final DrFlow flow;

    public DecisionIntake(DrFlow flow) {
        this.flow = flow;
    }

    public void apply(PlatformWork work, CloudEvent cloudEvent) {
        Decision taken = JsonCodec.data(cloudEvent, Decision.class);
        DecisionRecord current = work.view().decision(taken.id());
        if (current == null) {
            work.audit("decision-taken-ignored", taken.id(), "no such decision for platform " + work.view().platformId(),
                    cloudEvent.isDrill());
            return;
        }
        Decision d = current.decision();
        if (!d.isOpen()) {
            work.audit("decision-taken-ignored", d.id(), "the decision is already " + d.state().wire()
                    + "; " + taken.state().wire() + " by " + taken.decidedBy() + " comes too late", d.drill());
            return;
        }
        if (taken.state() != DecisionState.APPROVED && taken.state() != DecisionState.DECLINED) {
            work.audit("decision-taken-ignored", d.id(), "a person can approve or decline, not set "
                    + taken.state().wire(), d.drill());
            return;
        }
        Decision next = new Decision(d.id(), d.platformId(), d.incidentId(), d.kind(), taken.state(), d.title(),
                d.recommendation(), d.options(), d.raisedAt(), d.deadline(), d.rtoAtRisk(), d.step(), d.remindersSent(),
                taken.decidedBy(), taken.decidedAt() == null ? work.now() : taken.decidedAt(), taken.reason(),
                taken.evidence(), d.drill(), d.version() + 1);
        DecisionRecord record = current.with(next);
        work.decision(record);
        IncidentDraft incident = work.incident(d.incidentId());
        if (incident != null) {
            incident.cause(d.id());
            incident.note(work.now(), d.kind().wire() + " " + next.state().wire() + " by " + next.decidedBy()
                    + (next.reason() == null ? "" : ": " + next.reason()), d.id());
        }
        work.audit("decision-taken", d.id(), d.kind().wire() + " " + next.state().wire() + " by " + next.decidedBy()
                + (next.reason() == null ? "" : "; reason: " + next.reason())
                + (next.evidence() == null ? "" : "; evidence: " + next.evidence()), d.drill());
        flow.afterDecision(work, record);
        work.statusesChanged();
    }
}
