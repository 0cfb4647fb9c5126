package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code recovery-step} decisions: one per runbook step in the plan's run order, each with its prerequisite, its
 * expected finish and, when declined, put forward again with its failure process.
 */
final class RecoverySteps {

    private RecoverySteps() {}

    /**
     * One {@code recovery-step} per runbook step, in the plan's run order (foundation first, then the workflow left to
     * right); each expected to be done by DR approval + the step's planned finish.
     */
    static List<DecisionRecord> recoverySteps(PlatformWork work, String incidentId, Instant approvedAt, boolean drill) {
        CatalogView c = work.catalog();
        List<RecoveryPlan.StepSchedule> steps = c.plan().stepsInRunOrder();
        Map<String, Integer> taken = new HashMap<>();
        List<DecisionRecord> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            RecoveryPlan.StepSchedule s = steps.get(i);
            Component component = c.component(s.componentId());
            int index = taken.merge(s.componentId(), 1, Integer::sum) - 1;
            RecoveryStep step = component.recovery().get(index);
            int runOrder = i + 1;
            RecoveryStepRef ref = new RecoveryStepRef(
                    component.id(),
                    step.name(),
                    runOrder,
                    prerequisite(c, component, index, step),
                    step.expectedDuration(),
                    step.contingencyDuration(),
                    step.validation(),
                    step.onFailure(),
                    step.escalation());
            String series = incidentId + "-recovery-step-" + String.format(Locale.ROOT, "%02d", runOrder);
            int attempt = DecisionFactory.nextAttempt(work, series);
            out.add(new DecisionRecord(
                    step(work, c, series, attempt, incidentId, ref, steps.size(), approvedAt.plus(s.finish()), drill),
                    series,
                    attempt,
                    false));
        }
        return out;
    }

    /** A declined (failed) step, put forward again with its failure process as the recommendation. */
    static DecisionRecord recoveryStepAgain(PlatformWork work, DecisionRecord failed, long total) {
        Decision before = failed.decision();
        int attempt = DecisionFactory.nextAttempt(work, failed.series());
        String why = (before.decidedBy() == null ? "declined" : "declined by " + before.decidedBy())
                + (before.reason() == null || before.reason().isBlank() ? "" : ": " + before.reason());
        // The failure travels with the step, so that the notifier pages the step's escalation contact too.
        RecoveryStepRef ref = before.step().afterFailure(why);
        Instant deadline = work.now().plus(ref.expected()).plus(ref.contingency());
        Decision d = step(
                work,
                work.catalog(),
                failed.series(),
                attempt,
                before.incidentId(),
                ref,
                total,
                deadline,
                before.drill());
        String retry = "Attempt " + attempt + " after the step failed"
                + (before.reason() == null ? "" : " (" + before.reason() + ")") + ". Follow the failure process: "
                + DecisionFactory.nz(ref.onFailure(), "none written") + "; escalate to "
                + DecisionFactory.nz(ref.escalation(), "the DR lead") + ".";
        d = new Decision(
                d.id(),
                d.platformId(),
                d.incidentId(),
                d.kind(),
                d.state(),
                d.title(),
                retry,
                d.options(),
                d.raisedAt(),
                d.deadline(),
                false,
                ref,
                0,
                null,
                null,
                null,
                null,
                d.drill(),
                1);
        return new DecisionRecord(d, failed.series(), attempt, false);
    }

    private static Decision step(
            PlatformWork work,
            CatalogView c,
            String series,
            int attempt,
            String incidentId,
            RecoveryStepRef ref,
            long total,
            Instant expectedDone,
            boolean drill) {
        String title = "Recovery step " + ref.runOrder() + " of " + total + ": " + c.name(ref.componentId()) + " — "
                + ref.step();
        String recommendation = "Run the step in " + c.regionName(c.secondary()) + " (expected "
                + DurationText.format(ref.expected()) + " + " + DurationText.format(ref.contingency())
                + " contingency), then approve with the validation evidence: "
                + DecisionFactory.nz(ref.validation(), "none written")
                + ". If it fails: " + DecisionFactory.nz(ref.onFailure(), "none written") + "; escalate to "
                + DecisionFactory.nz(ref.escalation(), "the DR lead") + ".";
        List<String> options = List.of(
                "approve: done and validated (attach the evidence; a data timestamp in it is"
                        + " handed over downstream)",
                "decline: the step failed (it is put forward again with its failure process)");
        return new Decision(
                DecisionFactory.id(series, attempt),
                c.platformId(),
                incidentId,
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                title,
                recommendation,
                options,
                work.now(),
                expectedDone,
                false,
                ref,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
    }

    /** The catalog's prerequisite, plus what must be done first: the previous step, or the components depended on. */
    private static String prerequisite(CatalogView c, Component component, int index, RecoveryStep step) {
        List<String> parts = new ArrayList<>();
        if (step.prerequisite() != null && !step.prerequisite().isBlank()) {
            parts.add(step.prerequisite());
        }
        List<RecoveryStep> steps = component.recovery();
        boolean firstGroup = true;
        for (int i = 0; i < index; i++) {
            if (step.parallelGroup() == null
                    || !step.parallelGroup().equals(steps.get(i).parallelGroup())) {
                firstGroup = false;
            }
        }
        if (index > 0) {
            RecoveryStep previous = steps.get(index - 1);
            boolean together =
                    step.parallelGroup() != null && step.parallelGroup().equals(previous.parallelGroup());
            parts.add((together ? "runs in parallel with \"" : "after \"") + previous.name() + "\"");
        }
        if (firstGroup && !component.dependsOn().isEmpty()) {
            parts.add("after " + component.dependsOn().stream().map(c::name).collect(Collectors.joining(", "))
                    + " recovered");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
