package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;

/**
 * The report of a real DR run: kind dr-run, the same shape as a drill's, measured from DR invoked to the business
 * sign-off, whether a person or an automated action completes each step.
 */
final class DrRunReports {

    /** A DR run's id: {@code run-<the approved invoke-dr's id>}. */
    static final String RUN_PREFIX = "run-";

    private DrRunReports() {}

    /**
     * DR invoked for real: a DR run report starts (kind dr-run, same shape as a drill's), measured like a drill from DR
     * invoked to the business sign-off, whether a person or an automated action completes each step.
     */
    static void runStarted(PlatformWork work, Decision approved) {
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
        DrillReports.publishMeasured(work, run);
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
    static void runSignedOff(PlatformWork work, Decision signoff) {
        DrillReport run = DrillReports.runOf(work, signoff.incidentId());
        if (run == null) {
            return;
        }
        Instant at = signoff.decidedAt() == null ? work.now() : signoff.decidedAt();
        DrillReports.publishMeasured(
                work, run.signedOff(signoff.decidedBy(), at).ended(DrillState.COMPLETED, run.note(), at));
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
    static void runEnded(PlatformWork work, String incidentId, String why) {
        DrillReport run = DrillReports.runOf(work, incidentId);
        if (run != null) {
            DrillReports.publishMeasured(work, run.ended(DrillState.ABANDONED, run.note() + "; " + why, work.now()));
            work.audit("dr-run-abandoned", run.drillId(), why, false);
        }
    }
}
