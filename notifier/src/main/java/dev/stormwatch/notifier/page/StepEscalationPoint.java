package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.notifier.oncall.OnCall;
import dev.stormwatch.notifier.oncall.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The escalation point of a recovery step that failed: a step put forward again after a failure (a person's decline, or
 * an automated step that failed or timed out) pages the step's escalation contact with the first level of the decision
 * policy, through the same on-call rules (leave, backups) as every other target.
 */
final class StepEscalationPoint {

    static final String TARGET = "step-escalation";

    private StepEscalationPoint() {}

    /** The people to add to level 1 of a decision's page; none unless it is a failed step with an escalation point. */
    static List<Recipient> recipients(Decision decision, Catalog catalog, Instant at) {
        RecoveryStepRef step = decision == null ? null : decision.step();
        if (step == null
                || step.failure() == null
                || step.escalation() == null
                || step.escalation().isBlank()) {
            return List.of();
        }
        List<Recipient> out = new ArrayList<>();
        for (Recipient r : OnCall.resolve(catalog, "contact:" + step.escalation(), at)) {
            List<String> path = new ArrayList<>();
            path.add("escalation point of step " + step.runOrder() + " (" + step.step() + "), which failed: "
                    + step.failure());
            path.addAll(r.path());
            out.add(new Recipient(r.contactId(), TARGET, path, r.uncovered()));
        }
        return out;
    }
}
