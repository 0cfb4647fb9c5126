package dev.stormwatch.contracts.catalog;

import java.time.Duration;

/**
 * One runbook step (docs/dr-process.md, "The structure of a DR plan"). Consecutive steps of a component that share a
 * {@code parallelGroup} run together.
 *
 * @param escalation contact id to escalate to when the step fails or needs an SME
 * @param action what runs the step automatically; null for a step people run
 */
public record RecoveryStep(
        String name,
        String prerequisite,
        String expected,
        String contingency,
        String parallelGroup,
        String validation,
        String onFailure,
        String escalation,
        StepAction action) {

    /** A step people run. */
    public RecoveryStep(
            String name,
            String prerequisite,
            String expected,
            String contingency,
            String parallelGroup,
            String validation,
            String onFailure,
            String escalation) {
        this(name, prerequisite, expected, contingency, parallelGroup, validation, onFailure, escalation, null);
    }

    public Duration expectedDuration() {
        return DurationText.parse(expected);
    }

    public Duration contingencyDuration() {
        return contingency == null ? Duration.ZERO : DurationText.parse(contingency);
    }

    /** Expected time plus contingency: what the plan arithmetic counts. */
    public Duration plannedDuration() {
        return expectedDuration().plus(contingencyDuration());
    }
}
