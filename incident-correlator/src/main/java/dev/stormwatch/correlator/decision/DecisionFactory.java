package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.correlator.incident.IncidentIds;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The DR decision points of the README's table, as decisions with their deadline and content. Ids are {@code <incident
 * id>-<kind>[-<n>]}: deterministic, and a series (a step declined and put forward again, a second episode of the same
 * incident) counts up.
 */
public final class DecisionFactory {

    /** When an {@code invoke-dr} must be decided, and whether the RTO is already at risk. */
    public record InvokeDrDeadline(Instant at, boolean rtoAtRisk) {}

    /**
     * decide by = impact start + RTO − the recovery plan (critical path with contingency); already past → "RTO at risk"
     * at once. Raised again after an expiry ({@code retry}) with the time still past, the deadline left is the RTO
     * itself.
     */
    public static InvokeDrDeadline invokeDrDeadline(CatalogView c, Instant impactStart, boolean retry, Instant now) {
        Instant byPlan = impactStart.plus(c.rto()).minus(c.plan().total());
        if (byPlan.isAfter(now)) {
            return new InvokeDrDeadline(byPlan, false);
        }
        return retry ? new InvokeDrDeadline(impactStart.plus(c.rto()), true) : new InvokeDrDeadline(byPlan, true);
    }

    /**
     * {@code invoke-dr}: decide by {@link #invokeDrDeadline}; at risk, without reminders or expiry. The recommendation
     * is the strategy's.
     */
    public DecisionRecord invokeDr(
            PlatformWork work, String incidentId, Instant impactStart, boolean lateRetry, boolean drill) {
        CatalogView c = work.catalog();
        RecoveryPlan plan = c.plan();
        String series = incidentId + "-invoke-dr";
        int attempt = nextAttempt(work, series);
        InvokeDrDeadline deadline = invokeDrDeadline(c, impactStart, lateRetry, work.now());
        List<String> options = List.of(
                "approve: fail over to " + c.regionName(c.secondary()) + "; the recovery plan takes "
                        + DurationText.format(plan.total()) + " (critical path "
                        + String.join(" → ", plan.criticalComponents())
                        + ") against an RTO of " + DurationText.format(c.rto()),
                "decline: wait for Microsoft to recover " + c.regionName(c.primary())
                        + "; the platform is validated and handed over when the provider resolves");
        Decision d = new Decision(
                id(series, attempt),
                c.platformId(),
                incidentId,
                DecisionKind.INVOKE_DR,
                DecisionState.OPEN,
                invokeDrTitle(c, deadline.rtoAtRisk()),
                c.strategy().recommendation(),
                options,
                work.now(),
                deadline.at(),
                deadline.rtoAtRisk(),
                null,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
        return new DecisionRecord(d, series, attempt, false);
    }

    /**
     * An open {@code invoke-dr} after the provider revised the impact start: the deadline follows (earlier or later),
     * in or out of "RTO at risk" as the new deadline says, reminders start over. A decision raised again after an
     * expiry stays one.
     */
    public Decision invokeDrMoved(PlatformWork work, DecisionRecord open, Instant impactStart) {
        Decision d = open.decision();
        CatalogView c = work.catalog();
        DecisionRecord previous = work.view().decision(id(open.series(), open.attempt() - 1));
        boolean retry = previous != null && previous.decision().state() == DecisionState.EXPIRED;
        InvokeDrDeadline deadline = invokeDrDeadline(c, impactStart, retry, work.now());
        return new Decision(
                d.id(),
                d.platformId(),
                d.incidentId(),
                d.kind(),
                d.state(),
                invokeDrTitle(c, deadline.rtoAtRisk()),
                d.recommendation(),
                d.options(),
                d.raisedAt(),
                deadline.at(),
                deadline.rtoAtRisk(),
                null,
                0,
                null,
                null,
                null,
                null,
                d.drill(),
                d.version() + 1);
    }

    private static String invokeDrTitle(CatalogView c, boolean atRisk) {
        return (atRisk ? "RTO at risk: " : "") + "Invoke DR for " + c.platformName() + "? Fail over to "
                + c.regionName(c.secondary()) + ", or wait for Microsoft to recover " + c.regionName(c.primary());
    }

    /**
     * One {@code recovery-step} per runbook step, in the plan's run order (foundation first, then the workflow left to
     * right); each expected to be done by DR approval + the step's planned finish.
     */
    public List<DecisionRecord> recoverySteps(PlatformWork work, String incidentId, Instant approvedAt, boolean drill) {
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
            int attempt = nextAttempt(work, series);
            out.add(new DecisionRecord(
                    step(work, c, series, attempt, incidentId, ref, steps.size(), approvedAt.plus(s.finish()), drill),
                    series,
                    attempt,
                    false));
        }
        return out;
    }

    /** A declined (failed) step, put forward again with its failure process as the recommendation. */
    public DecisionRecord recoveryStepAgain(PlatformWork work, DecisionRecord failed, long total) {
        Decision before = failed.decision();
        int attempt = nextAttempt(work, failed.series());
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
                + nz(ref.onFailure(), "none written") + "; escalate to " + nz(ref.escalation(), "the DR lead") + ".";
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
                + " contingency), then approve with the validation evidence: " + nz(ref.validation(), "none written")
                + ". If it fails: " + nz(ref.onFailure(), "none written") + "; escalate to "
                + nz(ref.escalation(), "the DR lead") + ".";
        List<String> options = List.of(
                "approve: done and validated (attach the evidence; a data timestamp in it is"
                        + " handed over downstream)",
                "decline: the step failed (it is put forward again with its failure process)");
        return new Decision(
                id(series, attempt),
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

    /** {@code business-signoff}: after the technical recovery, or after Microsoft's recovery ("wait for Microsoft"). */
    public DecisionRecord businessSignoff(PlatformWork work, String incidentId, boolean failover, boolean drill) {
        CatalogView c = work.catalog();
        String series = incidentId + "-business-signoff";
        int attempt = nextAttempt(work, series);
        String region = c.regionName(failover ? c.secondary() : c.primary());
        String title = failover
                ? "Business sign-off: validate " + c.platformName() + " in " + region + " before handover"
                : "Validate " + c.platformName() + " in " + region + " after Microsoft's recovery, then hand over";
        String recommendation = failover
                ? "Technical recovery is complete. Business SMEs validate the recovered platform (access, key reports,"
                        + " the data timestamp) and approve with the evidence trail; approval hands every component "
                        + "over to its downstream teams."
                : "Microsoft has resolved the incident. Validate the binding to enterprise shared services and the date"
                        + " of the datasets, bring the platform up to date, then approve with the evidence and the data"
                        + " timestamp; approval hands every component over to its downstream teams.";
        List<String> options = List.of(
                "approve: validated; hand over to downstream teams (put the data timestamp in" + " the evidence)",
                "decline: not validated yet (put forward again)");
        Decision d = new Decision(
                id(series, attempt),
                c.platformId(),
                incidentId,
                DecisionKind.BUSINESS_SIGNOFF,
                DecisionState.OPEN,
                title,
                recommendation,
                options,
                work.now(),
                null,
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
        return new DecisionRecord(d, series, attempt, false);
    }

    /** {@code fallback}: the provider resolved the primary region after DR was invoked. */
    public DecisionRecord fallback(PlatformWork work, String incidentId, boolean drill) {
        CatalogView c = work.catalog();
        String series = incidentId + "-fallback";
        int attempt = nextAttempt(work, series);
        String primary = c.regionName(c.primary());
        String secondary = c.regionName(c.secondary());
        String title = "Fall back to " + primary + "? Microsoft has resolved the primary region";
        String recommendation = "Smoke-test " + primary + " and validate the component configuration (redeploy deltas"
                + " from source control); establish the primary's data date and replay ingestion from it; select a "
                + "fallback window with business and technical approval; bring the primary in sync with " + secondary
                + ", run in parallel, then take " + secondary + " offline. Approve once the fallback is complete.";
        List<String> options = List.of(
                "approve: the fallback to " + primary + " is complete; hand over again",
                "decline: stay in " + secondary + " for now (put forward again in "
                        + DurationText.format(work.config().decisions().fallbackRetry()) + ")");
        Decision d = new Decision(
                id(series, attempt),
                c.platformId(),
                incidentId,
                DecisionKind.FALLBACK,
                DecisionState.OPEN,
                title,
                recommendation,
                options,
                work.now(),
                null,
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
        return new DecisionRecord(d, series, attempt, false);
    }

    /** {@code pir-review}: the provider published an RCA/PIR for one of the incident's events. */
    public DecisionRecord pirReview(PlatformWork work, String incidentId, EventRecord event, boolean drill) {
        CatalogView c = work.catalog();
        String slug = IncidentIds.slug(event.label());
        String series = incidentId + "-pir-review-" + (slug.length() > 40 ? slug.substring(0, 40) : slug);
        int attempt = nextAttempt(work, series);
        String title = "Review the provider's PIR for " + event.label()
                + (event.event().title() == null ? "" : ": " + event.event().title());
        String recommendation = "Owners review the provider's post-incident review"
                + (event.event().link() == null ? "" : " (" + event.event().link() + ")")
                + " against the platform's own timeline and record the follow-ups; approval closes the incident.";
        Decision d = new Decision(
                id(series, attempt),
                c.platformId(),
                incidentId,
                DecisionKind.PIR_REVIEW,
                DecisionState.OPEN,
                title,
                recommendation,
                List.of(
                        "approve: reviewed; close the incident",
                        "decline: not accepted; the incident stays resolved, not closed"),
                work.now(),
                null,
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
        return new DecisionRecord(d, series, attempt, false);
    }

    /** A decision closed by the correlator itself (the situation it was raised for is gone). */
    public static Decision cancelled(Decision d, Instant now, String reason) {
        return d.closed(DecisionState.CANCELLED, "incident-correlator", now, reason, null);
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

    private static int nextAttempt(PlatformWork work, String series) {
        int max = 0;
        for (DecisionRecord r : work.view().decisions()) {
            if (series.equals(r.series())) {
                max = Math.max(max, r.attempt());
            }
        }
        return max + 1;
    }

    private static String id(String series, int attempt) {
        return attempt == 1 ? series : series + "-" + attempt;
    }

    private static String nz(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
