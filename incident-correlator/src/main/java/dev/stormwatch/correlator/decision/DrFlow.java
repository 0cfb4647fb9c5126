package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.correlator.handover.DataTimestamp;
import dev.stormwatch.correlator.handover.HandoverPlan;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DR flows (docs/dr-process.md) for one platform, driven by provider events and by the decisions people take. DR is
 * invoked for the platform as a whole:
 *
 * <pre>
 * NORMAL ──outage of a priority component in the primary──▶ DECIDING (invoke-dr open)
 * DECIDING ──approved──▶ RECOVERING: recovery-step decisions in run order
 *          ──declined──▶ WAITING (wait for Microsoft)
 *          ──expired──▶ escalated; invoke-dr put forward again as "RTO at risk"
 *          ──provider resolved──▶ invoke-dr cancelled, VALIDATING
 * RECOVERING ──every step approved──▶ business-signoff ──approved──▶ FAILED_OVER: handovers (failed-over)
 * RECOVERING, FAILED_OVER ──provider resolved──▶ fallback ──approved──▶ NORMAL: handovers (fallback-complete)
 *                                                         ──declined──▶ put forward again later
 * WAITING ──provider resolved──▶ VALIDATING: business-signoff ──approved──▶ NORMAL: handovers (provider-resolved)
 * any incident ──RCA/PIR published──▶ pir-review ──approved──▶ incident closed once resolved
 * </pre>
 */
public final class DrFlow {

    private final DecisionFactory decisions;
    private final RunReports drills;

    /** @param drills the drills and DR run reports, which run beside this flow with their own state */
    public DrFlow(DecisionFactory decisions, RunReports drills) {
        this.decisions = decisions;
        this.drills = drills;
    }

    /** The drills and DR run reports. */
    public RunReports drills() {
        return drills;
    }

    /** After a provider event was applied to {@code incident}. */
    public void afterEvent(PlatformWork work, IncidentDraft incident, EventRecord event) {
        if (incident.synthetic()) {
            return;
        }
        if (event.event().stage() == HealthStage.RCA) {
            pirReview(work, incident, event);
        }
        PlatformRun run = work.run();
        boolean episode = incident.id().equals(run.episodeIncidentId());
        if (episode && run.mode() != DrMode.NORMAL) {
            outageStart(work, incident.id())
                    .filter(start -> !start.equals(run.episodeImpactStart()))
                    .ifPresent(start -> impactStartRevised(work, incident, start));
        }
        switch (run.mode()) {
            case NORMAL -> {
                if (outageGoingOn(work, incident.id())) {
                    outageStart(work, incident.id()).ifPresent(start -> raiseInvokeDr(work, incident, start));
                }
            }
            case DECIDING -> {
                if (episode && !primaryImpacted(work, incident.id())) {
                    providerResolved(work, incident);
                }
            }
            case WAITING, RECOVERING, FAILED_OVER -> {
                if (episode && !work.run().providerResolved() && !primaryImpacted(work, incident.id())) {
                    providerResolved(work, incident);
                }
            }
            case VALIDATING -> {
                if (episode && primaryImpacted(work, incident.id())) {
                    impactedAgainWhileValidating(work, incident);
                }
            }
        }
    }

    /** After a person approved or declined {@code taken} (already stored with its new state). */
    public void afterDecision(PlatformWork work, DecisionRecord taken) {
        Decision d = taken.decision();
        if (work.view().drillOfIncident(d.incidentId()) != null) {
            // A drill's decisions move the drill on, never the platform's real DR state.
            drills.afterDecision(work, taken);
            return;
        }
        PlatformRun run = work.run();
        IncidentDraft incident = work.incident(d.incidentId());
        boolean approved = d.state() == DecisionState.APPROVED;
        boolean episode = Objects.equals(d.incidentId(), run.episodeIncidentId());
        switch (d.kind()) {
            case INVOKE_DR -> {
                if (run.mode() != DrMode.DECIDING || !episode) {
                    return;
                }
                if (approved) {
                    invokeDr(work, incident, d);
                } else {
                    work.run(run.withMode(DrMode.WAITING));
                    work.audit(
                            "waiting-for-microsoft",
                            d.id(),
                            "invoke-dr declined by " + d.decidedBy()
                                    + ": waiting for Microsoft to recover the primary region",
                            d.drill());
                    if (incident != null && !primaryImpacted(work, incident.id())) {
                        providerResolved(work, incident);
                    }
                }
            }
            case RECOVERY_STEP -> {
                if (run.mode() != DrMode.RECOVERING || !episode) {
                    return;
                }
                if (approved) {
                    if (allStepsDone(work, run)) {
                        raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, d.drill()),
                                "Technical recovery complete: business sign-off raised");
                    }
                } else {
                    long total = work.catalog().plan().stepsInRunOrder().size();
                    DecisionRecord again = decisions.recoveryStepAgain(work, taken, total);
                    raise(work, incident, again, "Recovery step " + d.step().runOrder() + " failed: put forward again");
                    work.audit(
                            "recovery-step-failed",
                            d.id(),
                            "failure process: " + d.step().onFailure() + "; escalate to "
                                    + d.step().escalation(),
                            d.drill());
                }
            }
            case BUSINESS_SIGNOFF -> {
                if (!episode) {
                    return;
                }
                if (!approved) {
                    raise(
                            work,
                            incident,
                            decisions.businessSignoff(work, d.incidentId(), run.mode() == DrMode.RECOVERING, d.drill()),
                            "Business sign-off declined: put forward again");
                } else if (run.mode() == DrMode.RECOVERING) {
                    failedOver(work, incident, d);
                } else if (run.mode() == DrMode.VALIDATING) {
                    handOver(
                            work,
                            incident,
                            HandoverReason.PROVIDER_RESOLVED,
                            work.catalog().primary(),
                            c -> DataTimestamp.in(d.evidence()).orElse(decidedAt(d, work)));
                    work.run(run.episodeEnded());
                }
            }
            case FALLBACK -> {
                if (!episode) {
                    return;
                }
                if (approved) {
                    fallenBack(work, incident, d);
                } else {
                    Instant again = work.now().plus(work.config().decisions().fallbackRetry());
                    work.run(run.withFallbackRetryAt(again));
                    note(
                            work,
                            incident,
                            "Fallback declined: the platform stays in "
                                    + work.catalog().regionName(work.catalog().secondary()) + "; asked again at "
                                    + again,
                            d.id());
                }
            }
            case PIR_REVIEW -> {
                if (approved && incident != null) {
                    incident.pirReviewed(true);
                }
            }
        }
        // The DR run's report follows its steps, whoever or whatever completed them.
        drills.changed(work, d.incidentId());
    }

    /** {@code invoke-dr} expired: escalated by the timers; DR can still be invoked, now with the RTO at risk. */
    public void afterExpiry(PlatformWork work, DecisionRecord expired) {
        Decision d = expired.decision();
        if (work.view().drillOfIncident(d.incidentId()) != null) {
            drills.afterExpiry(work, expired);
            return;
        }
        PlatformRun run = work.run();
        if (d.kind() != DecisionKind.INVOKE_DR
                || run.mode() != DrMode.DECIDING
                || !d.incidentId().equals(run.episodeIncidentId())) {
            return;
        }
        IncidentDraft incident = work.incident(d.incidentId());
        raise(
                work,
                incident,
                decisions.invokeDr(work, d.incidentId(), run.episodeImpactStart(), true, d.drill()),
                "invoke-dr expired without a decision: raised again, RTO at risk");
    }

    /** Timer duties of the flow: a declined fallback comes back. */
    public void onTick(PlatformWork work) {
        PlatformRun run = work.run();
        if (run.fallbackRetryAt() != null && !work.now().isBefore(run.fallbackRetryAt())) {
            work.run(run.withFallbackRetryAt(null));
            IncidentDraft incident = work.incident(run.episodeIncidentId());
            raise(
                    work,
                    incident,
                    decisions.fallback(work, run.episodeIncidentId(), incident != null && incident.drill()),
                    "Fallback put forward again");
        }
    }

    private void raiseInvokeDr(PlatformWork work, IncidentDraft incident, Instant impactStart) {
        DecisionRecord record = decisions.invokeDr(work, incident.id(), impactStart, false, incident.drill());
        work.run(work.run().withEpisode(incident.id(), impactStart));
        Decision d = record.decision();
        CatalogView c = work.catalog();
        raise(
                work,
                incident,
                record,
                (d.rtoAtRisk() ? "RTO at risk: " : "") + "invoke-dr raised: decide by "
                        + d.deadline() + " (impact start " + impactStart + " + RTO " + DurationText.format(c.rto())
                        + " − recovery plan " + DurationText.format(c.plan().total()) + ")");
    }

    /**
     * The provider revised when the episode's outage started (Azure moves the impact start while an incident runs, both
     * ways): the episode follows, and every open invoke-dr moves its deadline with it — earlier or later, into or out
     * of "RTO at risk" — with its reminders started over and a timeline entry from what to what.
     */
    private void impactStartRevised(PlatformWork work, IncidentDraft incident, Instant start) {
        PlatformRun run = work.run();
        Instant before = run.episodeImpactStart();
        work.run(run.withEpisodeImpactStart(start));
        work.audit("episode-impact-start-revised", incident.id(), before + " → " + start, incident.drill());
        for (DecisionRecord r : openOf(work, DecisionKind.INVOKE_DR, incident.id())) {
            Decision d = r.decision();
            Decision moved = decisions.invokeDrMoved(work, r, start);
            if (moved.deadline().equals(d.deadline()) && moved.rtoAtRisk() == d.rtoAtRisk()) {
                continue;
            }
            work.decision(r.with(moved));
            String risk = moved.rtoAtRisk() && !d.rtoAtRisk()
                    ? "; the RTO is now at risk"
                    : !moved.rtoAtRisk() && d.rtoAtRisk() ? "; no longer at risk: there is time to decide" : "";
            note(
                    work,
                    incident,
                    "invoke-dr deadline moved from " + d.deadline() + " to " + moved.deadline()
                            + ": the provider revised the impact start from " + before + " to " + start + risk,
                    d.id());
            work.audit(
                    "decision-deadline-moved",
                    d.id(),
                    d.deadline() + " → " + moved.deadline() + " (impact start " + before + " → " + start + ")" + risk,
                    d.drill());
        }
    }

    private void invokeDr(PlatformWork work, IncidentDraft incident, Decision approved) {
        PlatformRun run = work.run().withDrApproved(work.now());
        work.run(run);
        CatalogView c = work.catalog();
        note(
                work,
                incident,
                "DR invoked by " + approved.decidedBy() + ": failing over to " + c.regionName(c.secondary()),
                approved.id());
        work.audit(
                "dr-invoked",
                approved.id(),
                "approved by " + approved.decidedBy() + "; runbook of "
                        + c.plan().stepsInRunOrder().size() + " steps, "
                        + DurationText.format(c.plan().total()),
                approved.drill());
        List<DecisionRecord> steps = decisions.recoverySteps(work, approved.incidentId(), work.now(), approved.drill());
        for (DecisionRecord step : steps) {
            work.decision(step);
        }
        drills.runStarted(work, approved);
        if (steps.isEmpty()) {
            raise(
                    work,
                    incident,
                    decisions.businessSignoff(work, approved.incidentId(), true, approved.drill()),
                    "No runbook steps in the catalog: business sign-off raised");
        }
    }

    private void failedOver(PlatformWork work, IncidentDraft incident, Decision signoff) {
        PlatformRun run = work.run();
        CatalogView c = work.catalog();
        Map<String, Instant> fromSteps = new HashMap<>();
        for (DecisionRecord r : work.view().decisions()) {
            Decision d = r.decision();
            if (d.kind() == DecisionKind.RECOVERY_STEP
                    && d.state() == DecisionState.APPROVED
                    && d.incidentId().equals(signoff.incidentId())
                    && !d.raisedAt().isBefore(run.drApprovedAt())) {
                DataTimestamp.in(d.evidence())
                        .ifPresent(t -> fromSteps.merge(d.step().componentId(), t, (a, b) -> a.isAfter(b) ? a : b));
            }
        }
        Optional<Instant> fromSignoff = DataTimestamp.in(signoff.evidence());
        // Without a recorded timestamp, the data is only known to be as current as the RPO promises.
        Instant promised = c.rpo() == null
                ? run.episodeImpactStart()
                : run.episodeImpactStart().minus(c.rpo());
        work.run(run.withMode(DrMode.FAILED_OVER));
        handOver(
                work,
                incident,
                HandoverReason.FAILED_OVER,
                c.secondary(),
                id -> fromSteps.getOrDefault(id, fromSignoff.orElse(promised)));
        drills.runSignedOff(work, signoff);
        if (run.providerResolved()
                && openOf(work, DecisionKind.FALLBACK, signoff.incidentId()).isEmpty()) {
            raise(
                    work,
                    incident,
                    decisions.fallback(work, signoff.incidentId(), signoff.drill()),
                    "Microsoft resolved during the recovery: fallback raised");
        }
    }

    private void fallenBack(PlatformWork work, IncidentDraft incident, Decision fallback) {
        for (DecisionKind kind :
                List.of(DecisionKind.RECOVERY_STEP, DecisionKind.BUSINESS_SIGNOFF, DecisionKind.FALLBACK)) {
            for (DecisionRecord open : openOf(work, kind, fallback.incidentId())) {
                work.decision(open.with(DecisionFactory.cancelled(
                        open.decision(), work.now(), "the platform fell back to the primary region")));
            }
        }
        handOver(
                work,
                incident,
                HandoverReason.FALLBACK_COMPLETE,
                work.catalog().primary(),
                id -> DataTimestamp.in(fallback.evidence()).orElse(decidedAt(fallback, work)));
        drills.runEnded(
                work,
                fallback.incidentId(),
                "the platform fell back to the primary region before the business" + " signed off the recovery");
        work.run(work.run().episodeEnded());
    }

    private void providerResolved(PlatformWork work, IncidentDraft incident) {
        PlatformRun run = work.run();
        CatalogView c = work.catalog();
        String primary = c.regionName(c.primary());
        switch (run.mode()) {
            case DECIDING -> {
                for (DecisionRecord open : openOf(work, DecisionKind.INVOKE_DR, incident.id())) {
                    work.decision(open.with(DecisionFactory.cancelled(
                            open.decision(),
                            work.now(),
                            "Microsoft resolved the primary region before a decision was taken")));
                }
                work.run(run.withProviderResolved().withMode(DrMode.VALIDATING));
                raise(
                        work,
                        incident,
                        decisions.businessSignoff(work, incident.id(), false, incident.drill()),
                        "Microsoft resolved " + primary + " before DR was decided: invoke-dr cancelled; validate, then"
                                + " hand over");
            }
            case WAITING -> {
                work.run(run.withProviderResolved().withMode(DrMode.VALIDATING));
                raise(
                        work,
                        incident,
                        decisions.businessSignoff(work, incident.id(), false, incident.drill()),
                        "Microsoft resolved " + primary + ": validate the platform, then hand over");
            }
            case RECOVERING, FAILED_OVER -> {
                work.run(run.withProviderResolved());
                raise(
                        work,
                        incident,
                        decisions.fallback(work, incident.id(), incident.drill()),
                        "Microsoft resolved " + primary + " after DR was invoked: fallback raised");
            }
            case NORMAL, VALIDATING -> {
                // Nothing waits on the provider in these modes.
            }
        }
    }

    private void impactedAgainWhileValidating(PlatformWork work, IncidentDraft incident) {
        for (DecisionRecord open : openOf(work, DecisionKind.BUSINESS_SIGNOFF, incident.id())) {
            work.decision(open.with(
                    DecisionFactory.cancelled(open.decision(), work.now(), "the primary region is impacted again")));
        }
        PlatformRun run = work.run();
        work.run(new PlatformRun(
                run.platformId(),
                DrMode.WAITING,
                run.episodeIncidentId(),
                run.episodeImpactStart(),
                null,
                false,
                null,
                run.catalogFingerprint(),
                run.lastPruneAt()));
        note(work, incident, "The primary region is impacted again during validation: waiting for Microsoft", null);
    }

    private void pirReview(PlatformWork work, IncidentDraft incident, EventRecord event) {
        String prefix = incident.id() + "-pir-review-";
        boolean raised = work.view().decisions().stream()
                .anyMatch(r -> r.decision().kind() == DecisionKind.PIR_REVIEW
                        && r.series().startsWith(prefix)
                        && r.decision().title().contains(event.label())
                        && r.decision().isOpen());
        if (!raised) {
            raise(
                    work,
                    incident,
                    decisions.pirReview(work, incident.id(), event, incident.drill()),
                    "The provider published a PIR/RCA for " + event.label() + ": pir-review raised");
        }
    }

    /** Hands every component over in dependency order; shared with the drill flow. */
    public static void handOver(
            PlatformWork work,
            IncidentDraft incident,
            HandoverReason reason,
            String region,
            Function<String, Instant> dataTimestamp) {
        CatalogView c = work.catalog();
        String incidentId = incident == null ? work.run().episodeIncidentId() : incident.id();
        boolean drill = incident != null && incident.drill();
        List<Handover> handovers =
                HandoverPlan.of(c, reason, c.regionName(region), dataTimestamp, incidentId, work.now(), drill);
        handovers.forEach(work::handover);
        note(
                work,
                incident,
                "Handed over to downstream teams (" + reason.wire() + ", " + c.regionName(region) + "): "
                        + handovers.size() + " components in dependency order",
                null);
        work.audit(
                "handover",
                incidentId,
                reason.wire() + " in " + c.regionName(region) + ": " + String.join(", ", c.runOrder()),
                drill);
    }

    /** Writes a new decision with its timeline entry and audit line; shared with the drill flow. */
    public static void raise(PlatformWork work, IncidentDraft incident, DecisionRecord record, String what) {
        work.decision(record);
        note(work, incident, what, record.id());
        Decision d = record.decision();
        work.audit(
                "decision-raised",
                d.id(),
                d.kind().wire() + ": " + d.title() + (d.deadline() == null ? "" : "; deadline " + d.deadline()),
                d.drill());
    }

    public static void note(PlatformWork work, IncidentDraft incident, String what, String cause) {
        if (incident != null) {
            incident.note(work.now(), what, cause);
            if (cause != null) {
                incident.cause(cause);
            }
        }
    }

    /**
     * When the incident's outage of a priority component in the primary region began: the earliest impact start of the
     * facts that were an outage there at some point (a fact that has ended still says when the outage began, so a
     * resolution never moves the deadline; only the provider's revisions do).
     */
    private static Optional<Instant> outageStart(PlatformWork work, String incidentId) {
        Instant start = null;
        for (EventRecord e : work.view().eventsOf(incidentId)) {
            if (e.outageSeen() && hitsPriorityInPrimary(work, e)) {
                start = start == null || e.start().isBefore(start) ? e.start() : start;
            }
        }
        return Optional.ofNullable(start);
    }

    /** True while an outage of a priority component in the primary region is going on in the incident. */
    private static boolean outageGoingOn(PlatformWork work, String incidentId) {
        return work.view().eventsOf(incidentId).stream()
                .anyMatch(e -> e.ongoing() && e.impact() == Impact.OUTAGE && hitsPriorityInPrimary(work, e));
    }

    private static boolean hitsPriorityInPrimary(PlatformWork work, EventRecord e) {
        CatalogView c = work.catalog();
        int maxPriority = work.config().decisions().invokeDrMaxPriority();
        for (Hit h : e.hits()) {
            Component component = c.component(h.componentId());
            if (h.region().equals(c.primary()) && component != null && component.priorityOrDefault() <= maxPriority) {
                return true;
            }
        }
        return false;
    }

    /**
     * True while any fact of the incident that hits the primary region is still going on: every service Azure named
     * there must be resolved (by its own update or by the end of its tracking id) before the primary counts as
     * recovered.
     */
    private static boolean primaryImpacted(PlatformWork work, String incidentId) {
        String primary = work.catalog().primary();
        return work.view().eventsOf(incidentId).stream().anyMatch(e -> e.ongoing() && e.hitsRegion(primary));
    }

    /** Every runbook step of this DR episode is approved (the latest attempt of each). */
    private static boolean allStepsDone(PlatformWork work, PlatformRun run) {
        Map<String, DecisionRecord> latest = new HashMap<>();
        for (DecisionRecord r : work.view().decisions()) {
            Decision d = r.decision();
            if (d.kind() == DecisionKind.RECOVERY_STEP
                    && d.incidentId().equals(run.episodeIncidentId())
                    && !d.raisedAt().isBefore(run.drApprovedAt())) {
                latest.merge(r.series(), r, (a, b) -> a.attempt() >= b.attempt() ? a : b);
            }
        }
        return !latest.isEmpty()
                && latest.values().stream().allMatch(r -> r.decision().state() == DecisionState.APPROVED);
    }

    public static List<DecisionRecord> openOf(PlatformWork work, DecisionKind kind, String incidentId) {
        List<DecisionRecord> out = new ArrayList<>();
        for (DecisionRecord r : work.view().decisions()) {
            Decision d = r.decision();
            if (d.isOpen() && d.kind() == kind && Objects.equals(d.incidentId(), incidentId)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing((DecisionRecord r) -> r.decision().raisedAt())
                .thenComparing(DecisionRecord::id));
        return out;
    }

    private static Instant decidedAt(Decision d, PlatformWork work) {
        return d.decidedAt() == null ? work.now() : d.decidedAt();
    }
}
