package dev.stormwatch.contracts.drill;

import java.time.Duration;
import java.time.Instant;

/**
 * One runbook step as a drill ran it, beside what the catalog expected.
 *
 * @param expected    the catalog's expected time plus contingency
 * @param startedAt   when a responder started it (null until then)
 * @param completedAt when a responder completed it (its recovery-step decision approved)
 * @param actual      completed minus started; null until both are known
 * @param attempts    how many times it was run (a failed attempt is put forward again)
 * @param evidence    the validation evidence given on completion
 */
public record StepTiming(
        int runOrder,
        String componentId,
        String step,
        String parallelGroup,
        Duration expected,
        Instant startedAt,
        String startedBy,
        Instant completedAt,
        String completedBy,
        Duration actual,
        int attempts,
        String evidence) {

    /** Actual minus expected; null until the step is done. */
    public Duration overrun() {
        return actual == null || expected == null ? null : actual.minus(expected);
    }
}
