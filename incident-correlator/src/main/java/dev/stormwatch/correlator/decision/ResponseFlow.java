package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.correlator.handover.DataTimestamp;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people's decisions (and their expiry) do to the platform's DR episode: approve DR and run the recovery steps,
 * sign off, fall back; a drill's decisions go to the drills instead.
 */
final class ResponseFlow {

    private final DecisionFactory decisions;
    private final RunReports drills;
    private final OutageFlow outage;

    ResponseFlow(DecisionFactory decisions, RunReports drills, OutageFlow outage) {
        this.decisions = decisions;
        this.drills = drills;
        this.outage = outage;
    }

    /** After a person approved or declined {@code taken} (already stored with its new state). */
    void afterDecision(PlatformWork work, DecisionRecord taken) {
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
                    if (incident != null && !PrimaryRegion.primaryImpacted(work, incident.id())) {
                        outage.providerResolved(work, incident);
                    }
                }
            }
            case RECOVERY_STEP -> {
                if (run.mode() != DrMode.RECOVERING || !episode) {
                    return;
                }
                if (approved) {
                    if (allStepsDone(work, run)) {
                        DrActions.raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, d.drill()),
                                "Technical recovery complete: business sign-off raised");
                    }
                } else {
                    long total = work.catalog().plan().stepsInRunOrder().size();
                    DecisionRecord again = decisions.recoveryStepAgain(work, taken, total);
                    DrActions.raise(
                            work,
                            incident,
                            again,
                            "Recovery step " + d.step().runOrder() + " failed: put forward again");
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
                    DrActions.raise(
                            work,
                            incident,
                            decisions.businessSignoff(work, d.incidentId(), run.mode() == DrMode.RECOVERING, d.drill()),
                            "Business sign-off declined: put forward again");
                } else if (run.mode() == DrMode.RECOVERING) {
                    failedOver(work, incident, d);
                } else if (run.mode() == DrMode.VALIDATING) {
                    DrActions.handOver(
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
                    DrActions.note(
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
    void afterExpiry(PlatformWork work, DecisionRecord expired) {
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
        DrActions.raise(
                work,
                incident,
                decisions.invokeDr(work, d.incidentId(), run.episodeImpactStart(), true, d.drill()),
                "invoke-dr expired without a decision: raised again, RTO at risk");
    }

    /** Timer duties of the flow: a declined fallback comes back. */
    void onTick(PlatformWork work) {
        PlatformRun run = work.run();
        if (run.fallbackRetryAt() != null && !work.now().isBefore(run.fallbackRetryAt())) {
            work.run(run.withFallbackRetryAt(null));
            IncidentDraft incident = work.incident(run.episodeIncidentId());
            DrActions.raise(
                    work,
                    incident,
                    decisions.fallback(work, run.episodeIncidentId(), incident != null && incident.drill()),
                    "Fallback put forward again");
        }
    }

    private void invokeDr(PlatformWork work, IncidentDraft incident, Decision approved) {
        PlatformRun run = work.run().withDrApproved(work.now());
        work.run(run);
        CatalogView c = work.catalog();
        DrActions.note(
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
            DrActions.raise(
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
        DrActions.handOver(
                work,
                incident,
                HandoverReason.FAILED_OVER,
                c.secondary(),
                id -> fromSteps.getOrDefault(id, fromSignoff.orElse(promised)));
        drills.runSignedOff(work, signoff);
        if (run.providerResolved()
                && DrActions.openOf(work, DecisionKind.FALLBACK, signoff.incidentId())
                        .isEmpty()) {
            DrActions.raise(
                    work,
                    incident,
                    decisions.fallback(work, signoff.incidentId(), signoff.drill()),
                    "Microsoft resolved during the recovery: fallback raised");
        }
    }

    private void fallenBack(PlatformWork work, IncidentDraft incident, Decision fallback) {
        for (DecisionKind kind :
                List.of(DecisionKind.RECOVERY_STEP, DecisionKind.BUSINESS_SIGNOFF, DecisionKind.FALLBACK)) {
            for (DecisionRecord open : DrActions.openOf(work, kind, fallback.incidentId())) {
                work.decision(open.with(DecisionFactory.cancelled(
                        open.decision(), work.now(), "the platform fell back to the primary region")));
            }
        }
        DrActions.handOver(
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

    private static Instant decidedAt(Decision d, PlatformWork work) {
        return d.decidedAt() == null ? work.now() : d.decidedAt();
    }
}
