package dev.stormwatch.contracts.decision;

import java.time.Duration;

/**
 * The runbook step a {@code recovery-step} decision is about, as the catalog describes it.
 *
 * @param escalation the contact to escalate to when the step fails
 * @param failure why the previous attempt of this step failed (a person's decline or the automation's timeout or
 *     error); null on a first attempt. A step put forward with a failure pages its escalation contact too.
 */
public record RecoveryStepRef(
        String componentId,
        String step,
        int runOrder,
        String prerequisite,
        Duration expected,
        Duration contingency,
        String validation,
        String onFailure,
        String escalation,
        String failure) {

    /** A first attempt. */
    public RecoveryStepRef(
            String componentId,
            String step,
            int runOrder,
            String prerequisite,
            Duration expected,
            Duration contingency,
            String validation,
            String onFailure,
            String escalation) {
        this(componentId, step, runOrder, prerequisite, expected, contingency, validation, onFailure, escalation, null);
    }

    /** The same step, put forward again after an attempt that failed for {@code why}. */
    public RecoveryStepRef afterFailure(String why) {
        return new RecoveryStepRef(
                componentId,
                step,
                runOrder,
                prerequisite,
                expected,
                contingency,
                validation,
                onFailure,
                escalation,
                why == null || why.isBlank() ? "the step failed" : why);
    }
}
