package dev.stormwatch.contracts.decision;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A DR decision point on {@code dr-decisions.v1} (compacted, key: decision id). For {@code invoke-dr}, approve means
 * fail over and decline means wait for Microsoft: waiting is a decision too.
 *
 * @param deadline decide by this instant (invoke-dr: impact start + RTO − recovery critical path)
 * @param rtoAtRisk the deadline had already passed when the decision was raised
 * @param options what the people deciding can choose, in words
 * @param step for recovery-step decisions, the runbook step
 * @param remindersSent how many reminders went out before the deadline
 * @param startedBy for recovery-step decisions, who started the step (approving it completes the step)
 * @param startedAt when the step was started; a drill measures the step from here to its approval
 */
public record Decision(
        String id,
        String platformId,
        String incidentId,
        DecisionKind kind,
        DecisionState state,
        String title,
        String recommendation,
        List<String> options,
        Instant raisedAt,
        Instant deadline,
        boolean rtoAtRisk,
        RecoveryStepRef step,
        int remindersSent,
        String decidedBy,
        Instant decidedAt,
        String reason,
        String evidence,
        boolean drill,
        long version,
        String startedBy,
        Instant startedAt) {

    public Decision {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** A decision whose step (if any) has not been started. */
    public Decision(
            String id,
            String platformId,
            String incidentId,
            DecisionKind kind,
            DecisionState state,
            String title,
            String recommendation,
            List<String> options,
            Instant raisedAt,
            Instant deadline,
            boolean rtoAtRisk,
            RecoveryStepRef step,
            int remindersSent,
            String decidedBy,
            Instant decidedAt,
            String reason,
            String evidence,
            boolean drill,
            long version) {
        this(
                id,
                platformId,
                incidentId,
                kind,
                state,
                title,
                recommendation,
                options,
                raisedAt,
                deadline,
                rtoAtRisk,
                step,
                remindersSent,
                decidedBy,
                decidedAt,
                reason,
                evidence,
                drill,
                version,
                null,
                null);
    }

    /** This decision with its step started by {@code by} at {@code at}, as the next version. */
    public Decision started(String by, Instant at) {
        return with(state, decidedBy, decidedAt, reason, evidence, remindersSent, version + 1, by, at);
    }

    /** This version as it reads with its step started by {@code by} at {@code at}, before the next snapshot says so. */
    public Decision withStart(String by, Instant at) {
        return with(state, decidedBy, decidedAt, reason, evidence, remindersSent, version, by, at);
    }

    /**
     * A taking of this version, as a person or an automation writes it for the correlator to apply: {@code state} by
     * {@code by} at {@code at}, with the reason and the evidence given.
     */
    public Decision taken(DecisionState state, String by, Instant at, String reason, String evidence) {
        return with(state, by, at, reason, evidence, remindersSent, version, startedBy, startedAt);
    }

    /**
     * The next version in {@code state}, decided by {@code by} at {@code at}: how the correlator records an outcome.
     */
    public Decision closed(DecisionState state, String by, Instant at, String reason, String evidence) {
        return with(state, by, at, reason, evidence, remindersSent, version + 1, startedBy, startedAt);
    }

    /** The next version, still undecided, with one more reminder sent. */
    public Decision reminded() {
        return with(state, null, null, null, null, remindersSent + 1, version + 1, startedBy, startedAt);
    }

    private Decision with(
            DecisionState state,
            String decidedBy,
            Instant decidedAt,
            String reason,
            String evidence,
            int remindersSent,
            long version,
            String startedBy,
            Instant startedAt) {
        return new Decision(
                id,
                platformId,
                incidentId,
                kind,
                state,
                title,
                recommendation,
                options,
                raisedAt,
                deadline,
                rtoAtRisk,
                step,
                remindersSent,
                decidedBy,
                decidedAt,
                reason,
                evidence,
                drill,
                version,
                startedBy,
                startedAt);
    }

    @JsonIgnore
    public boolean isOpen() {
        return state == DecisionState.OPEN;
    }
}
