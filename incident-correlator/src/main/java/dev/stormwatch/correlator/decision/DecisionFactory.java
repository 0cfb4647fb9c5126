package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.correlator.incident.IncidentIds;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.List;

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
        return RecoverySteps.recoverySteps(work, incidentId, approvedAt, drill);
    }

    /** A declined (failed) step, put forward again with its failure process as the recommendation. */
    public DecisionRecord recoveryStepAgain(PlatformWork work, DecisionRecord failed, long total) {
        return RecoverySteps.recoveryStepAgain(work, failed, total);
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

    static int nextAttempt(PlatformWork work, String series) {
        int max = 0;
        for (DecisionRecord r : work.view().decisions()) {
            if (series.equals(r.series())) {
                max = Math.max(max, r.attempt());
            }
        }
        return max + 1;
    }

    static String id(String series, int attempt) {
        return attempt == 1 ? series : series + "-" + attempt;
    }

    static String nz(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
