package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.DrActions;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * A DR lead's requests on drills.v1: start a drill (refused while another runs or without a catalog), abandon it, or
 * accept the flagged measurements of a completed drill or DR run.
 */
final class DrillRequests {

    private final DecisionFactory decisions;

    DrillRequests(DecisionFactory decisions) {
        this.decisions = decisions;
    }

    /** A DR lead's request (drill-requested on drills.v1). */
    void request(PlatformWork work, Envelope<?> event) {
        DrillRequest request = event.data(Events.DRILL_REQUESTED);
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
            DrillReport refused = drill.ended(
                    DrillState.ABANDONED,
                    "refused: " + refusal + (r.note() == null ? "" : " (" + r.note() + ")"),
                    work.now());
            DrillReports.publish(work, refused);
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
        DrActions.raise(
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
        DrillReports.publish(
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
        DrillReports.publish(work, report.accepted(r.requestedBy(), at));
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
        DrillReports.cancelOpen(work, drill, why);
        IncidentDraft incident = work.incident(drill.incidentId());
        DrActions.note(work, incident, "DR drill " + drill.drillId() + " abandoned by " + r.requestedBy(), null);
        work.audit("drill-abandoned", drill.drillId(), why, true);
        DrillReports.publishMeasured(work, drill.ended(DrillState.ABANDONED, drill.note(), work.now()));
    }
}
