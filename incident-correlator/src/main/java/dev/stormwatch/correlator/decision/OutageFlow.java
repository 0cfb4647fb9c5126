package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.DrMode;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;

/** What the provider's events do to the platform's DR episode: raise invoke-dr, follow the impact start, resolve. */
final class OutageFlow {

    private final DecisionFactory decisions;

    OutageFlow(DecisionFactory decisions) {
        this.decisions = decisions;
    }

    /** After a provider event was applied to {@code incident}. */
    void afterEvent(PlatformWork work, IncidentDraft incident, EventRecord event) {
        if (incident.synthetic()) {
            return;
        }
        if (event.event().stage() == HealthStage.RCA) {
            pirReview(work, incident, event);
        }
        PlatformRun run = work.run();
        boolean episode = incident.id().equals(run.episodeIncidentId());
        if (episode && run.mode() != DrMode.NORMAL) {
            PrimaryRegion.outageStart(work, incident.id())
                    .filter(start -> !start.equals(run.episodeImpactStart()))
                    .ifPresent(start -> impactStartRevised(work, incident, start));
        }
        switch (run.mode()) {
            case NORMAL -> {
                if (PrimaryRegion.outageGoingOn(work, incident.id())) {
                    PrimaryRegion.outageStart(work, incident.id())
                            .ifPresent(start -> raiseInvokeDr(work, incident, start));
                }
            }
            case DECIDING -> {
                if (episode && !PrimaryRegion.primaryImpacted(work, incident.id())) {
                    providerResolved(work, incident);
                }
            }
            case WAITING, RECOVERING, FAILED_OVER -> {
                if (episode && !work.run().providerResolved() && !PrimaryRegion.primaryImpacted(work, incident.id())) {
                    providerResolved(work, incident);
                }
            }
            case VALIDATING -> {
                if (episode && PrimaryRegion.primaryImpacted(work, incident.id())) {
                    impactedAgainWhileValidating(work, incident);
                }
            }
        }
    }

    private void raiseInvokeDr(PlatformWork work, IncidentDraft incident, Instant impactStart) {
        DecisionRecord record = decisions.invokeDr(work, incident.id(), impactStart, false, incident.drill());
        work.run(work.run().withEpisode(incident.id(), impactStart));
        Decision d = record.decision();
        CatalogView c = work.catalog();
        DrActions.raise(
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
        for (DecisionRecord r : DrActions.openOf(work, DecisionKind.INVOKE_DR, incident.id())) {
            Decision d = r.decision();
            Decision moved = decisions.invokeDrMoved(work, r, start);
            if (moved.deadline().equals(d.deadline()) && moved.rtoAtRisk() == d.rtoAtRisk()) {
                continue;
            }
            work.decision(r.with(moved));
            String risk = moved.rtoAtRisk() && !d.rtoAtRisk()
                    ? "; the RTO is now at risk"
                    : !moved.rtoAtRisk() && d.rtoAtRisk() ? "; no longer at risk: there is time to decide" : "";
            DrActions.note(
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

    void providerResolved(PlatformWork work, IncidentDraft incident) {
        PlatformRun run = work.run();
        CatalogView c = work.catalog();
        String primary = c.regionName(c.primary());
        switch (run.mode()) {
            case DECIDING -> {
                for (DecisionRecord open : DrActions.openOf(work, DecisionKind.INVOKE_DR, incident.id())) {
                    work.decision(open.with(DecisionFactory.cancelled(
                            open.decision(),
                            work.now(),
                            "Microsoft resolved the primary region before a decision was taken")));
                }
                work.run(run.withProviderResolved().withMode(DrMode.VALIDATING));
                DrActions.raise(
                        work,
                        incident,
                        decisions.businessSignoff(work, incident.id(), false, incident.drill()),
                        "Microsoft resolved " + primary + " before DR was decided: invoke-dr cancelled; validate, then"
                                + " hand over");
            }
            case WAITING -> {
                work.run(run.withProviderResolved().withMode(DrMode.VALIDATING));
                DrActions.raise(
                        work,
                        incident,
                        decisions.businessSignoff(work, incident.id(), false, incident.drill()),
                        "Microsoft resolved " + primary + ": validate the platform, then hand over");
            }
            case RECOVERING, FAILED_OVER -> {
                work.run(run.withProviderResolved());
                DrActions.raise(
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
        for (DecisionRecord open : DrActions.openOf(work, DecisionKind.BUSINESS_SIGNOFF, incident.id())) {
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
        DrActions.note(
                work, incident, "The primary region is impacted again during validation: waiting for Microsoft", null);
    }

    private void pirReview(PlatformWork work, IncidentDraft incident, EventRecord event) {
        String prefix = incident.id() + "-pir-review-";
        boolean raised = work.view().decisions().stream()
                .anyMatch(r -> r.decision().kind() == DecisionKind.PIR_REVIEW
                        && r.series().startsWith(prefix)
                        && r.decision().title().contains(event.label())
                        && r.decision().isOpen());
        if (!raised) {
            DrActions.raise(
                    work,
                    incident,
                    decisions.pirReview(work, incident.id(), event, incident.drill()),
                    "The provider published a PIR/RCA for " + event.label() + ": pir-review raised");
        }
    }
}
