package dev.stormwatch.status.decision;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.error.Problem;
import dev.stormwatch.status.kafka.EventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Takes a decision for a DR lead (or, for a recovery step, a responder), and starts recovery steps: checks it is still
 * open and not expired, writes DECISION_TAKEN (the decision with its new state, who, when, why, evidence) to
 * {@code dr-decisions.v1} for the correlator to apply, and the audit record to {@code audit.v1}.
 */
@Singleton
public class DecisionDesk {

    static final int MAX_TEXT = 4000;

    private final DecisionView decisions;
    private final EventPublisher publisher;
    private final AuditWriter audit;
    private final Clock clock;

    public DecisionDesk(DecisionView decisions, EventPublisher publisher, AuditWriter audit, Clock clock) {
        this.decisions = decisions;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Approves or declines. Serialised in this instance so that two clicks cannot both pass the "still open" check;
     * across instances the correlator applies only the first taking of an open decision.
     */
    public synchronized DecisionItem take(
            String decisionId, DecisionState outcome, DecisionBody body, String actor, boolean drLead) {
        MDC.put("decisionId", decisionId);
        try {
            return takeDecision(decisionId, outcome, body, actor, drLead);
        } finally {
            MDC.remove("decisionId");
            MDC.remove("incidentId");
        }
    }

    private DecisionItem takeDecision(
            String decisionId, DecisionState outcome, DecisionBody body, String actor, boolean drLead) {
        List<Problem> problems = new ArrayList<>();
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            problems.add(new Problem(null, "reason", "required: say why"));
        } else if (body.reason().length() > MAX_TEXT) {
            problems.add(new Problem(null, "reason", "at most " + MAX_TEXT + " characters"));
        }
        if (body != null && body.evidence() != null && body.evidence().length() > MAX_TEXT) {
            problems.add(new Problem(null, "evidence", "at most " + MAX_TEXT + " characters"));
        }
        DecisionView.Current current =
                decisions.current(decisionId).orElseThrow(() -> ApiError.notFound("no decision '" + decisionId + "'"));
        Decision kindOf = current.decision();
        MDC.put("incidentId", kindOf.incidentId() == null ? "" : kindOf.incidentId());
        // Responders complete (or fail) recovery steps; every other decision is the DR lead's.
        if (!drLead && kindOf.kind() != DecisionKind.RECOVERY_STEP) {
            throw new ApiError(ErrorBody.of(
                    403,
                    "only a dr-lead takes "
                            + (kindOf.kind() == null ? "this" : kindOf.kind().wire())
                            + " decisions; responders approve or decline recovery steps"));
        }
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("the decision needs a reason", problems);
        }
        Decision d = current.decision();
        Instant now = clock.instant();
        if (d.state() != DecisionState.OPEN) {
            throw new ApiError(new ErrorBody(
                    409,
                    "decision '" + decisionId + "' is already " + d.state().wire()
                            + (d.decidedBy() == null
                                    ? ""
                                    : " by " + d.decidedBy() + (d.decidedAt() == null ? "" : " at " + d.decidedAt())),
                    null,
                    d.state().wire(),
                    d.decidedBy()));
        }
        // A decision raised with its deadline already past (RTO at risk) stays open to take; any other one expires.
        if (!d.rtoAtRisk() && d.deadline() != null && now.isAfter(d.deadline())) {
            throw new ApiError(new ErrorBody(
                    409,
                    "decision '" + decisionId + "' expired at " + d.deadline() + "; it has been escalated",
                    null,
                    DecisionState.EXPIRED.wire(),
                    null));
        }
        String reason = body.reason().strip();
        String evidence = body.evidence() == null || body.evidence().isBlank()
                ? null
                : body.evidence().strip();
        Decision taken = d.taken(outcome, actor, now, reason, evidence);
        // Each taking its own id: two people acting on one version on two instances both reach the correlator, which
        // applies the first and records the other as ignored; a re-sent record (producer retry) keeps its id.
        String eventId = "decision-taken:" + d.id() + ":" + d.version() + ":" + UUID.randomUUID();
        publisher.publish(
                Topics.DR_DECISIONS,
                d.id(),
                JsonCodec.envelope(
                        eventId, EventTypes.DECISION_TAKEN, AuditWriter.SOURCE, d.id(), now, d.drill(), taken));
        decisions.recordTaken(taken);
        String action = outcome == DecisionState.APPROVED ? "decision-approved" : "decision-declined";
        audit.write(
                "audit:" + eventId,
                new AuditRecord(
                        d.platformId(),
                        now,
                        actor,
                        action,
                        d.id(),
                        meaning(d.kind(), outcome) + "; reason: " + reason
                                + (evidence == null ? "" : "; evidence: " + evidence),
                        d.drill()));
        return DecisionItem.of(taken, true, now);
    }

    /**
     * Starts the runbook step of an open recovery-step decision: writes STEP_STARTED to {@code dr-decisions.v1} for the
     * correlator, which records who started it and when (a drill measures the step from here to its approval), and an
     * audit record.
     */
    public synchronized DecisionItem start(String decisionId, StepBody body, String actor) {
        MDC.put("decisionId", decisionId);
        try {
            String via = body == null || body.via() == null ? StepBody.API : body.via();
            if (!StepBody.VIAS.contains(via)) {
                throw ApiError.badRequest(
                        "the step start is invalid",
                        List.of(new Problem(
                                null, "via", "'" + via + "' is not one of " + String.join(", ", StepBody.VIAS))));
            }
            DecisionView.Current current = decisions
                    .current(decisionId)
                    .orElseThrow(() -> ApiError.notFound("no decision '" + decisionId + "'"));
            Decision d = current.decision();
            MDC.put("incidentId", d.incidentId() == null ? "" : d.incidentId());
            if (d.kind() != DecisionKind.RECOVERY_STEP) {
                throw ApiError.conflict("decision '" + decisionId + "' is "
                        + (d.kind() == null
                                ? "not a recovery step"
                                : "of kind " + d.kind().wire() + ", not a recovery step")
                        + ": there is no step to start");
            }
            if (d.state() != DecisionState.OPEN) {
                throw new ApiError(new ErrorBody(
                        409,
                        "decision '" + decisionId + "' is already " + d.state().wire()
                                + (d.decidedBy() == null ? "" : " by " + d.decidedBy()),
                        null,
                        d.state().wire(),
                        d.decidedBy()));
            }
            if (d.startedAt() != null) {
                throw ApiError.conflict("the step of decision '" + decisionId + "' was already started by "
                        + d.startedBy() + " at " + d.startedAt());
            }
            Instant now = clock.instant();
            StepStarted started = new StepStarted(d.id(), d.platformId(), actor, now, via);
            String eventId = "step-started:" + d.id() + ":" + d.version() + ":" + UUID.randomUUID();
            publisher.publish(
                    Topics.DR_DECISIONS,
                    d.id(),
                    JsonCodec.envelope(
                            eventId, EventTypes.STEP_STARTED, AuditWriter.SOURCE, d.id(), now, d.drill(), started));
            decisions.recordStarted(started);
            String step = d.step() == null
                    ? d.title()
                    : d.step().componentId() + ": " + d.step().step();
            audit.write(
                    "audit:" + eventId,
                    new AuditRecord(
                            d.platformId(),
                            now,
                            actor,
                            "step-started",
                            d.id(),
                            "started " + step + " via " + via,
                            d.drill()));
            return DecisionItem.of(decisions.current(decisionId).orElseThrow().decision(), true, now);
        } finally {
            MDC.remove("decisionId");
            MDC.remove("incidentId");
        }
    }

    /** What the choice means for the platform, in the words of docs/dr-process.md. */
    static String meaning(DecisionKind kind, DecisionState outcome) {
        boolean approved = outcome == DecisionState.APPROVED;
        if (kind == DecisionKind.INVOKE_DR) {
            return approved ? "fail over to the secondary region" : "wait for Microsoft";
        }
        String k = kind == null ? "decision" : kind.wire();
        return (approved ? "approved " : "declined ") + k;
    }
}
