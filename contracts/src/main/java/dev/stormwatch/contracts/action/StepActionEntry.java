package dev.stormwatch.contracts.action;

import java.time.Instant;

/**
 * One entry of the ledger of an automated recovery step's call, on {@code step-actions.v1} (compacted, key: the
 * idempotency key, which is the recovery-step decision's id: one call per attempt of a step). The runner writes
 * {@code intended} and waits for Kafka's acknowledgement before it calls, {@code called} once the target accepted the
 * call, and {@code outcome} when the step's result is known. After a crash, {@code called} means "do not call again,
 * wait for the outcome"; {@code intended} alone means "the call may or may not have happened: call again with the same
 * key, the receiver de-duplicates".
 *
 * @param phase {@code intended}, {@code called} or {@code outcome}
 * @param runUrl where the run's status is read (GitHub, Azure DevOps), once called
 * @param calledAt when the target accepted the call: the timeout counts from here
 * @param result with the outcome: {@code succeeded}, {@code failed} or {@code timed-out}
 * @param detail what the target answered, or why the call failed
 */
public record StepActionEntry(
        String key,
        String decisionId,
        String platformId,
        String incidentId,
        String componentId,
        String step,
        String kind,
        String phase,
        Instant at,
        String runUrl,
        Instant calledAt,
        String result,
        String detail,
        boolean drill) {

    public static final String INTENDED = "intended";
    public static final String CALLED = "called";
    public static final String OUTCOME = "outcome";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed-out";

    public StepActionEntry called(Instant now, String runUrl, String detail) {
        return new StepActionEntry(
                key,
                decisionId,
                platformId,
                incidentId,
                componentId,
                step,
                kind,
                CALLED,
                now,
                runUrl,
                now,
                null,
                detail,
                drill);
    }

    public StepActionEntry outcome(Instant now, String result, String detail) {
        return new StepActionEntry(
                key,
                decisionId,
                platformId,
                incidentId,
                componentId,
                step,
                kind,
                OUTCOME,
                now,
                runUrl,
                calledAt,
                result,
                detail,
                drill);
    }
}
