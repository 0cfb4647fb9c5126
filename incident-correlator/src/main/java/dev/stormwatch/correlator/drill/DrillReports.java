package dev.stormwatch.correlator.drill;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.DrActions;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.handover.DataTimestamp;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Writes a drill's or DR run's report snapshots, measured, and the bookkeeping both share. */
final class DrillReports {

    private DrillReports() {}

    /** The DR run of this incident still going on, or null. */
    static DrillReport runOf(PlatformWork work, String incidentId) {
        return work.view().drills().stream()
                .filter(d -> d.isRun() && !d.isFinal() && d.incidentId().equals(incidentId))
                .findFirst()
                .orElse(null);
    }

    static void changed(PlatformWork work, DrillReport drill) {
        boolean completedNow = drill.state() == DrillState.COMPLETED
                && work.view().drill(drill.drillId()).state() != DrillState.COMPLETED;
        publishMeasured(work, drill);
        if (completedNow) {
            work.audit("drill-completed", drill.drillId(), describe(work.view().drill(drill.drillId())), true);
            // The measured durations may change the platform's verdict.
            PlatformFeasibility.publish(work);
        }
    }

    static String describe(DrillReport d) {
        return "recovered in " + (d.actualTotal() == null ? "n/a" : DurationText.format(d.actualTotal()))
                + "; measured plan " + DurationText.format(d.measuredPlanTotal()) + " against an RTO of "
                + DurationText.format(d.rto())
                + (Boolean.TRUE.equals(d.meetsRto()) ? ": meets the RTO" : ": exceeds the RTO");
    }

    static void publishMeasured(PlatformWork work, DrillReport drill) {
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
    static void publish(PlatformWork work, DrillReport next) {
        DrillReport before = work.view().drill(next.drillId());
        // Version 0 is the drill just put in the view while its start is being processed: nothing was written yet.
        if (before == null || before.version() == 0) {
            work.drill(next.withVersion(1));
        } else if (!next.withVersion(before.version()).equals(before)) {
            work.drill(next.withVersion(before.version() + 1));
        }
    }

    static void cancelOpen(PlatformWork work, DrillReport drill, String why) {
        for (DecisionKind kind : DecisionKind.values()) {
            for (DecisionRecord open : DrActions.openOf(work, kind, drill.incidentId())) {
                work.decision(open.with(DecisionFactory.cancelled(open.decision(), work.now(), why)));
            }
        }
    }

    static Map<String, Instant> stepTimestamps(PlatformWork work, String incidentId) {
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
}
