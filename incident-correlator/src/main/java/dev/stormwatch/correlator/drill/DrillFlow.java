package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.DrFlow;
import dev.stormwatch.correlator.decision.RunReports;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.handover.DataTimestamp;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * A DR drill (docs/dr-process.md, "Drills"): the same flow as a real DR episode, on its own incident
 * {@code drill-<drill id>} and its own state (the {@link DrillReport} in the drills store), so that it never changes or
 * blocks the platform's real DR state — a real outage during a drill is handled as if the drill did not exist.
 *
 * <pre>
 * start ─▶ INVOKING: invoke-dr (drill), deadline = drill start + RTO − recovery plan
 * INVOKING ──approved──▶ RECOVERING: recovery-step decisions (drill) in run order; responders start and complete each
 *          ──declined──▶ ABANDONED (no failover rehearsed)
 *          ──expired──▶ invoke-dr (drill) raised again, RTO at risk
 * RECOVERING ──every step approved──▶ SIGNING_OFF: business-signoff (drill)
 * SIGNING_OFF ──sign-off approved──▶ handovers (drill, failed-over), fallback (drill) raised at once (no provider to
 *             wait for) ──approved──▶ handovers (drill, fallback-complete) ─▶ COMPLETED: feasibility evaluated again
 * any ──abandon──▶ ABANDONED: its open decisions cancelled
 * </pre>
 *
 * Every change writes a new report snapshot with what was measured so far ({@link DrillMeasure}).
 */
public final class DrillFlow implements RunReports {

    /** A DR run's id: {@code run-<the approved invoke-dr's id>}. */
    public static final String RUN_PREFIX = "run-";

    private final DecisionFactory decisions;

    public DrillFlow(DecisionFactory decisions) {
        this.decisions = decisions;
    }

    /** A DR lead's request (drill-requested on drills.v1). */
    public void request(PlatformWork work, CloudEvent event) {
        DrillRequest request = JsonCodec.data(event, DrillRequest.class);
        MDC.put("incidentId", PlatformView.DRILL_INCIDENT_PREFIX + request.drillId());
        switch (request.action()) {
            case START -> start(work, request);
            case ABANDON -> abandon(work, request);
            case ACCEPT -> accept(work, request);
        }
    }

    private void start(PlatformWork work, DrillRequest r) {
        PlatformView view = work.view();
        DrillReport existing = view.drill(r.drillId());
        if (existing != null) {
            work.audit(
                    "drill-request-ignored",
                    r.drillId(),
                    "drill " + r.drillId() + " already exists ("
                            + existing.state().wire() + "); start by " + r.requestedBy() + " ignored",
                    true);
            return;
        }
        CatalogView c = work.catalog();
        String incidentId = PlatformView.DRILL_INCIDENT_PREFIX + r.drillId();
        DrillReport drill = new DrillReport(
                r.drillId(),
                view.platformId(),
                c == null ? null : c.platformName(),
                incidentId,
                DrillState.INVOKING,
                r.note(),
                r.requestedBy(),
                work.now(),
                null,
                null,
                null,
                null,
                c == null ? null : c.rto(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
        Optional<DrillReport> running =
                view.drills().stream().filter(d -> !d.isRun() && !d.isFinal()).findFirst();
        String refusal = c == null
                ? "platform " + view.platformId() + " has no catalog"
                : running.map(d -> "drill " + d.drillId() + " is still running ("
                                + d.state().wire() + "); abandon it or let it complete first")
                        .orElse(null);
        if (refusal != null) {
            DrillReport refused = ended(
                    drill,
                    DrillState.ABANDONED,
                    "refused: " + refusal + (r.note() == null ? "" : " (" + r.note() + ")"),
                    work.now());
            publish(work, refused);
            work.audit("drill-refused", r.drillId(), "start by " + r.requestedBy() + " refused: " + refusal, true);
            return;
        }
        IncidentDraft incident = IncidentDraft.open(
                incidentId,
                view.platformId(),
                "DR drill of " + c.platformName() + ": rehearsal of a failover to " + c.regionName(c.secondary())
                        + " (not an outage)",
                work.now(),
                true,
                false);
        work.opened(incident);
        incident.note(
                work.now(),
                "DR drill " + r.drillId() + " started by " + r.requestedBy()
                        + (r.note() == null ? "" : ": " + r.note()),
                null);
        view.put(drill);
        DecisionRecord invoke = decisions.invokeDr(work, incidentId, work.now(), false, true);
        DrFlow.raise(
                work,
                incident,
                invoke,
                "invoke-dr (drill) raised: decide by " + invoke.decision().deadline()
                        + " (drill start " + work.now() + " + RTO " + DurationText.format(c.rto()) + " − recovery plan "
                        + DurationText.format(c.plan().total()) + ")");
        work.audit(
                "drill-started",
                r.drillId(),
                "DR drill of " + c.platformName() + " started by " + r.requestedBy() + "; incident " + incidentId,
                true);
        publish(
                work,
                DrillMeasure.measure(
                        drill, c, view.decisions(), work.config().feasibility().suspectBelow()));
    }

    /**
     * A DR lead accepts the flagged measurements of a completed drill or DR run: recorded with who and when on the
     * report and in the audit trail, and the feasibility is evaluated again with them.
     */
    private void accept(PlatformWork work, DrillRequest r) {
        DrillReport report = work.view().drill(r.drillId());
        String refusal = report == null
                ? "no such drill or DR run for platform " + work.view().platformId()
                : report.state() != DrillState.COMPLETED
                        ? "it is " + report.state().wire() + ", not completed"
                        : report.flaggedSteps().isEmpty()
                                ? "none of its measurements is flagged"
                                : report.acceptedAt() != null
                                        ? "already accepted by " + report.acceptedBy() + " at " + report.acceptedAt()
                                        : null;
        boolean drill = report == null || !report.isRun();
        if (refusal != null) {
            work.audit(
                    "drill-request-ignored",
                    r.drillId(),
                    "acceptance by " + r.requestedBy() + " ignored: " + refusal,
                    drill);
            return;
        }
        Instant at = r.requestedAt() == null ? work.now() : r.requestedAt();
        publish(work, report.accepted(r.requestedBy(), at));
        work.audit(
                r.requestedBy(),
                at,
                "measurements-accepted",
                r.drillId(),
                (report.isRun() ? "DR run " : "drill ")
                        + r.drillId() + ": " + report.flaggedSteps().size() + " flagged step measurements accepted by "
                        + r.requestedBy() + " at " + at + " (" + report.flagSummary() + ")"
                        + (r.note() == null ? "" : "; note: " + r.note()),
                drill);
        PlatformFeasibility.publish(work);
    }

    private void abandon(PlatformWork work, DrillRequest r) {
        DrillReport drill = work.view().drill(r.drillId());
        if (drill == null || drill.isRun() || drill.isFinal()) {
            work.audit(
                    "drill-request-ignored",
                    r.drillId(),
                    "abandon by " + r.requestedBy() + " ignored: "
                            + (drill == null
                                    ? "no such drill for platform "
                                            + work.view().platformId()
                                    : "the drill is already " + drill.state().wire()),
                    true);
            return;
        }
        String why = "the drill was abandoned by " + r.requestedBy() + (r.note() == null ? "" : ": " + r.note());
        cancelOpen(work, drill, why);
        IncidentDraft incident = work.incident(drill.incidentId());
        DrFlow.note(work, incident, "DR drill " + drill.drillId() + " abandoned by " + r.requestedBy(), null);
        work.audit("drill-abandoned", drill.drillId(), why, true);
        publishMeasured(work, ended(drill, DrillState.ABANDONED, drill.note(), work.now()));
    }

    /** After a person approved or declined one of the drill's decisions (already stored with its new state). */
    @Override
    public void afterDecision(PlatformWork work, DecisionRecord taken) {
        Decision d = taken.decision();
        DrillReport drill = work.view().drillOfIncident(d.incidentId());
        CatalogView c = work.catalog();
        if (drill == null || drill.isFinal() || c == null) {
            return;
        }
        IncidentDraft incident = work.incident(d.incidentId());
        boolean approved = d.state() == DecisionState.APPROVED;
        Instant at = d.decidedAt() == null ? work.now() : d.decidedAt();
        switch (d.kind()) {
            case INVOKE_DR -> {
                if (drill.state() != DrillState.INVOKING) {
                    break;
                }
                if (approved) {
                    drill = drill.invoked(d.decidedBy(), at);
                    DrFlow.note(
                            work,
                            incident,
                            "DR invoked (drill) by " + d.decidedBy() + ": rehearsing the failover to "
                                    + c.regionName(c.secondary()),
                            d.id());
                    work.audit(
                            "dr-invoked",
                            d.id(),
                            "drill " + drill.drillId() + ": approved by " + d.decidedBy()
                                    + "; runbook of "
                                    + c.plan().stepsInRunOrder().size() + " steps, "
                                    + DurationText.format(c.plan().total()),
                            true);
                    List<DecisionRecord> steps = decisions.recoverySteps(work, d.incidentId(), work.now(), true);
                    steps.forEach(work::decision);
                    if (steps.isEmpty()) {
                        drill = withState(drill, DrillState.SIGNING_OFF);
                        DrFlow.raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, true),
                                "No runbook steps in the catalog: business sign-off (drill) raised");
                    }
                } else {
                    cancelOpen(work, drill, "invoke-dr (drill) declined");
                    drill = ended(drill, DrillState.ABANDONED, drill.note(), work.now());
                    DrFlow.note(
                            work,
                            incident,
                            "invoke-dr (drill) declined by " + d.decidedBy() + ": the drill ends without a failover",
                            d.id());
                    work.audit(
                            "drill-abandoned", drill.drillId(), "invoke-dr (drill) declined by " + d.decidedBy(), true);
                }
            }
            case RECOVERY_STEP -> {
                if (drill.state() != DrillState.RECOVERING) {
                    break;
                }
                if (approved) {
                    DrillReport measured = DrillMeasure.measure(
                            drill,
                            c,
                            work.view().decisions(),
                            work.config().feasibility().suspectBelow());
                    if (measured.steps().stream().allMatch(s -> s.completedAt() != null)) {
                        drill = withState(drill, DrillState.SIGNING_OFF);
                        DrFlow.raise(
                                work,
                                incident,
                                decisions.businessSignoff(work, d.incidentId(), true, true),
                                "Technical recovery (drill) complete: business sign-off (drill) raised");
                    }
                } else {
                    DecisionRecord again = decisions.recoveryStepAgain(
                            work, taken, c.plan().stepsInRunOrder().size());
                    DrFlow.raise(
                            work,
                            incident,
                            again,
                            "Recovery step " + d.step().runOrder() + " (drill) failed: put forward again");
                    work.audit(
                            "recovery-step-failed",
                            d.id(),
                            "failure process: " + d.step().onFailure() + "; escalate to "
                                    + d.step().escalation(),
                            true);
                }
            }
            case BUSINESS_SIGNOFF -> {
                if (drill.state() != DrillState.SIGNING_OFF) {
                    break;
                }
                if (approved) {
                    drill = drill.signedOff(d.decidedBy(), at);
                    Map<String, Instant> fromSteps = stepTimestamps(work, d.incidentId());
                    Optional<Instant> fromSignoff = DataTimestamp.in(d.evidence());
                    Instant promised = c.rpo() == null
                            ? drill.startedAt()
                            : drill.startedAt().minus(c.rpo());
                    DrFlow.handOver(
                            work,
                            incident,
                            HandoverReason.FAILED_OVER,
                            c.secondary(),
                            id -> fromSteps.getOrDefault(id, fromSignoff.orElse(promised)));
                    DrFlow.raise(
                            work,
                            incident,
                            decisions.fallback(work, d.incidentId(), true),
                            "Fallback (drill) raised at once: in a drill there is no provider to wait for");
                } else {
                    DrFlow.raise(
                            work,
                            incident,
                            decisions.businessSignoff(work, d.incidentId(), true, true),
                            "Business sign-off (drill) declined: put forward again");
                }
            }
            case FALLBACK -> {
                if (drill.state() != DrillState.SIGNING_OFF) {
                    break;
                }
                if (approved) {
                    DrFlow.handOver(
                            work,
                            incident,
                            HandoverReason.FALLBACK_COMPLETE,
                            c.primary(),
                            id -> DataTimestamp.in(d.evidence()).orElse(at));
                    cancelOpen(work, drill, "the drill is complete");
                    drill = ended(drill, DrillState.COMPLETED, drill.note(), work.now());
                    DrFlow.note(
                            work,
                            incident,
                            "DR drill " + drill.drillId() + " completed: fallback to " + c.regionName(c.primary())
                                    + " rehearsed",
                            d.id());
                } else {
                    DrFlow.raise(
                            work,
                            incident,
                            decisions.fallback(work, d.incidentId(), true),
                            "Fallback (drill) declined: put forward again");
                }
            }
            case PIR_REVIEW -> {
                // A drill has no provider incident to review.
            }
        }
        changed(work, drill);
    }

    /** The drill's invoke-dr expired: raised again with the RTO at risk, as in a real episode. */
    @Override
    public void afterExpiry(PlatformWork work, DecisionRecord expired) {
        Decision d = expired.decision();
        DrillReport drill = work.view().drillOfIncident(d.incidentId());
        if (drill == null
                || drill.state() != DrillState.INVOKING
                || d.kind() != DecisionKind.INVOKE_DR
                || work.catalog() == null) {
            return;
        }
        DrFlow.raise(
                work,
                work.incident(d.incidentId()),
                decisions.invokeDr(work, d.incidentId(), drill.startedAt(), true, true),
                "invoke-dr (drill) expired without a decision: raised again, RTO at risk");
    }

    /** One of the drill's decisions changed (a step started): the report follows. */
    @Override
    public void changed(PlatformWork work, String incidentId) {
        DrillReport drill = work.view().drillOfIncident(incidentId);
        if (drill != null) {
            changed(work, drill);
            return;
        }
        DrillReport run = runOf(work, incidentId);
        CatalogView c = work.catalog();
        if (run == null || c == null) {
            return;
        }
        DrillReport measured = DrillMeasure.measure(
                run, c, work.view().decisions(), work.config().feasibility().suspectBelow());
        if (run.state() == DrillState.RECOVERING
                && !measured.steps().isEmpty()
                && measured.steps().stream().allMatch(s -> s.completedAt() != null)) {
            run = run.withState(DrillState.SIGNING_OFF);
        }
        publishMeasured(work, run);
    }

    /**
     * DR invoked for real: a DR run report starts (kind dr-run, same shape as a drill's), measured like a drill from DR
     * invoked to the business sign-off, whether a person or an automated action completes each step.
     */
    @Override
    public void runStarted(PlatformWork work, Decision approved) {
        CatalogView c = work.catalog();
        Instant invokedAt = approved.decidedAt() == null ? work.now() : approved.decidedAt();
        String runId = RUN_PREFIX + approved.id();
        DrillReport run = new DrillReport(
                runId,
                work.view().platformId(),
                c.platformName(),
                approved.incidentId(),
                DrillState.RECOVERING,
                "failover of " + c.platformName() + " to " + c.regionName(c.secondary()),
                approved.decidedBy(),
                work.now(),
                approved.decidedBy(),
                invokedAt,
                null,
                null,
                c.rto(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                DrillReport.DR_RUN,
                null,
                null,
                null,
                null,
                null);
        work.view().put(run);
        publishMeasured(work, run);
        work.audit(
                "dr-run-started",
                runId,
                "DR run of " + c.platformName() + " for incident " + approved.incidentId() + ": DR invoked by "
                        + approved.decidedBy() + " at " + invokedAt,
                false);
    }

    /**
     * The business signed off the technical recovery of a DR run: the recovery is over, from DR invoked to here. The
     * final report goes to drills.v1, dr-run-completed to the downstream subscribers, and the feasibility is evaluated
     * again (the run's measurements feed it like a drill's, under the same trust rule).
     */
    @Override
    public void runSignedOff(PlatformWork work, Decision signoff) {
        DrillReport run = runOf(work, signoff.incidentId());
        if (run == null) {
            return;
        }
        Instant at = signoff.decidedAt() == null ? work.now() : signoff.decidedAt();
        publishMeasured(work, run.signedOff(signoff.decidedBy(), at).ended(DrillState.COMPLETED, run.note(), at));
        DrillReport done = work.view().drill(run.drillId());
        work.runCompleted(done);
        work.audit(
                "dr-run-completed",
                done.drillId(),
                "signed off by " + signoff.decidedBy() + "; recovery time "
                        + DurationText.format(done.recoveryTime())
                        + " from DR invoked to business sign-off against an RTO of "
                        + DurationText.format(done.rto())
                        + (done.recoveryTime().compareTo(done.rto()) <= 0
                                ? ": within the RTO"
                                : ": over the RTO by "
                                        + DurationText.format(
                                                done.recoveryTime().minus(done.rto())))
                        + (done.flaggedSteps().isEmpty()
                                ? ""
                                : "; flagged measurements (" + done.flagSummary()
                                        + ") wait for a DR lead's acceptance"),
                false);
        PlatformFeasibility.publish(work);
    }

    /** The episode ended before the business signed off a DR run (the platform fell back first): abandoned. */
    @Override
    public void runEnded(PlatformWork work, String incidentId, String why) {
        DrillReport run = runOf(work, incidentId);
        if (run != null) {
            publishMeasured(work, run.ended(DrillState.ABANDONED, run.note() + "; " + why, work.now()));
            work.audit("dr-run-abandoned", run.drillId(), why, false);
        }
    }

    /** The DR run of this incident still going on, or null. */
    private static DrillReport runOf(PlatformWork work, String incidentId) {
        return work.view().drills().stream()
                .filter(d -> d.isRun() && !d.isFinal() && d.incidentId().equals(incidentId))
                .findFirst()
                .orElse(null);
    }

    private void changed(PlatformWork work, DrillReport drill) {
        boolean completedNow = drill.state() == DrillState.COMPLETED
                && work.view().drill(drill.drillId()).state() != DrillState.COMPLETED;
        publishMeasured(work, drill);
        if (completedNow) {
            work.audit("drill-completed", drill.drillId(), describe(work.view().drill(drill.drillId())), true);
            // The measured durations may change the platform's verdict.
            PlatformFeasibility.publish(work);
        }
    }

    private static String describe(DrillReport d) {
        return "recovered in " + (d.actualTotal() == null ? "n/a" : DurationText.format(d.actualTotal()))
                + "; measured plan " + DurationText.format(d.measuredPlanTotal()) + " against an RTO of "
                + DurationText.format(d.rto())
                + (Boolean.TRUE.equals(d.meetsRto()) ? ": meets the RTO" : ": exceeds the RTO");
    }

    private void publishMeasured(PlatformWork work, DrillReport drill) {
        CatalogView c = work.catalog();
        publish(
                work,
                c == null
                        ? drill
                        : DrillMeasure.measure(
                                drill,
                                c,
                                work.view().decisions(),
                                work.config().feasibility().suspectBelow()));
    }

    /** A new snapshot when anything changed; the version counts snapshots. */
    private static void publish(PlatformWork work, DrillReport next) {
        DrillReport before = work.view().drill(next.drillId());
        // Version 0 is the drill just put in the view while its start is being processed: nothing was written yet.
        if (before == null || before.version() == 0) {
            work.drill(withVersion(next, 1));
        } else if (!withVersion(next, before.version()).equals(before)) {
            work.drill(withVersion(next, before.version() + 1));
        }
    }

    private static void cancelOpen(PlatformWork work, DrillReport drill, String why) {
        for (DecisionKind kind : DecisionKind.values()) {
            for (DecisionRecord open : DrFlow.openOf(work, kind, drill.incidentId())) {
                work.decision(open.with(DecisionFactory.cancelled(open.decision(), work.now(), why)));
            }
        }
    }

    private static Map<String, Instant> stepTimestamps(PlatformWork work, String incidentId) {
        Map<String, Instant> out = new HashMap<>();
        for (DecisionRecord r : work.view().decisions()) {
            Decision d = r.decision();
            if (d.kind() == DecisionKind.RECOVERY_STEP
                    && d.state() == DecisionState.APPROVED
                    && incidentId.equals(d.incidentId())) {
                DataTimestamp.in(d.evidence())
                        .ifPresent(t -> out.merge(d.step().componentId(), t, (a, b) -> a.isAfter(b) ? a : b));
            }
        }
        return out;
    }

    private static DrillReport withState(DrillReport d, DrillState state) {
        return d.withState(state);
    }

    private static DrillReport ended(DrillReport d, DrillState state, String note, Instant at) {
        return d.ended(state, note, at);
    }

    private static DrillReport withVersion(DrillReport d, long version) {
        return d.withVersion(version);
    }
}
