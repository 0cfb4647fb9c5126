package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.RunReports;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.PlatformWork;

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
 * Every change writes a new report snapshot with what was measured so far ({@link DrillMeasure}). A DR lead's requests
 * go to {@link DrillRequests}, the drill's decisions to {@link DrillDecisions}, a real DR run's report to
 * {@link DrRunReports}; {@link DrillReports} writes the snapshots for all three.
 */
public final class DrillFlow implements RunReports {

    private final DrillRequests requests;
    private final DrillDecisions progress;

    public DrillFlow(DecisionFactory decisions) {
        this.requests = new DrillRequests(decisions);
        this.progress = new DrillDecisions(decisions);
    }

    /** A DR lead's request (drill-requested on drills.v1). */
    public void request(PlatformWork work, Envelope<?> event) {
        requests.request(work, event);
    }

    @Override
    public void afterDecision(PlatformWork work, DecisionRecord taken) {
        progress.afterDecision(work, taken);
    }

    @Override
    public void afterExpiry(PlatformWork work, DecisionRecord expired) {
        progress.afterExpiry(work, expired);
    }

    /** One of the drill's decisions changed (a step started): the report follows. */
    @Override
    public void changed(PlatformWork work, String incidentId) {
        DrillReport drill = work.view().drillOfIncident(incidentId);
        if (drill != null) {
            DrillReports.changed(work, drill);
            return;
        }
        DrillReport run = DrillReports.runOf(work, incidentId);
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
        DrillReports.publishMeasured(work, run);
    }

    @Override
    public void runStarted(PlatformWork work, Decision approved) {
        DrRunReports.runStarted(work, approved);
    }

    @Override
    public void runSignedOff(PlatformWork work, Decision signoff) {
        DrRunReports.runSignedOff(work, signoff);
    }

    @Override
    public void runEnded(PlatformWork work, String incidentId, String why) {
        DrRunReports.runEnded(work, incidentId, why);
    }
}
