package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.decision.Decision;

/**
 * A decision as the correlator keeps it: the snapshot it last wrote, plus bookkeeping.
 *
 * @param series the decision id without its attempt number: a declined step or sign-off is put forward again as the
 *     next attempt of the same series
 * @param attempt 1 for the first decision of a series
 * @param overdueEscalated a recovery step past its expected finish was escalated (once)
 */
public record DecisionRecord(Decision decision, String series, int attempt, boolean overdueEscalated) {

    public String id() {
        return decision.id();
    }

    public DecisionRecord with(Decision next) {
        return new DecisionRecord(next, series, attempt, overdueEscalated);
    }

    public DecisionRecord escalated() {
        return new DecisionRecord(decision, series, attempt, true);
    }
}
