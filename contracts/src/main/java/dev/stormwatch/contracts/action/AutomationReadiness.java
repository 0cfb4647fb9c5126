package dev.stormwatch.contracts.action;

import java.time.Instant;
import java.util.List;

/**
 * Whether the automated recovery steps of one platform could be called now, as the notifier (which calls them, with its
 * own secrets and destination policy) sees its catalog; on {@code automation-readiness.v1}, key: platform id.
 *
 * @param catalogEventId the catalog version checked
 * @param problems every step whose action could not be called or could not report its outcome; empty: all ready
 */
public record AutomationReadiness(String platformId, String catalogEventId, Instant checkedAt, List<Problem> problems) {

    public AutomationReadiness {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * One step's action that is not ready.
     *
     * @param componentId the component whose runbook holds the step
     * @param step the step's name
     * @param kind the action's kind
     * @param problem what is missing, naming the reference or setting (never a secret's value)
     */
    public record Problem(String componentId, String step, String kind, String problem) {}
}
