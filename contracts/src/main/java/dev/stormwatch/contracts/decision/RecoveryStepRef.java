package dev.stormwatch.contracts.decision;

import java.time.Duration;

/** The runbook step a {@code recovery-step} decision is about, as the catalog describes it. */
public record RecoveryStepRef(
        String componentId,
        String step,
        int runOrder,
        String prerequisite,
        Duration expected,
        Duration contingency,
        String validation,
        String onFailure,
        String escalation) {}
