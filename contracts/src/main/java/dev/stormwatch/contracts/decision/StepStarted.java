package dev.stormwatch.contracts.decision;

import java.time.Instant;

/**
 * A responder started the runbook step of a {@code recovery-step} decision (type {@code STEP_STARTED} on
 * {@code dr-decisions.v1}, key: decision id), written by status-api. The correlator records it on the decision
 * (startedBy, startedAt), so that a drill measures how long each step really took; completing the step is approving the
 * decision.
 *
 * @param via how it was started: {@code dashboard}, {@code api}, {@code ack-link}
 */
public record StepStarted(String decisionId, String platformId, String by, Instant at, String via) {}
