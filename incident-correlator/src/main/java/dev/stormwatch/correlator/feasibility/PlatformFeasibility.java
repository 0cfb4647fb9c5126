package dev.stormwatch.correlator.feasibility;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.CorrelatorConfig;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.PlatformWork;

import java.time.Instant;

/**
 * When a platform's feasibility is evaluated and published: on a catalog change, when a drill is completed (its
 * measured durations may change the verdict), and on the timer when the last completed drill becomes overdue.
 */
public final class PlatformFeasibility {

    private PlatformFeasibility() {
    }

    /** Evaluates the platform's feasibility with its drills as configured, and publishes it. */
    public static FeasibilityReport publish(PlatformWork work) {
        CatalogView catalog = work.catalog();
        CorrelatorConfig.Feasibility config = work.config().feasibility();
        DrillEvidence evidence = DrillEvidence.of(catalog, work.view().drills(), config.basis(), config.drillsConsidered());
        FeasibilityReport report = FeasibilityCheck.evaluate(catalog, work.now(), evidence);
        work.feasibility(report);
        return report;
    }

    /** On the timer: the last completed drill just became overdue → a new report with the finding. */
    public static void onTick(PlatformWork work) {
        CatalogView catalog = work.catalog();
        FeasibilityReport last = work.view().feasibility();
        if (catalog == null || last == null) {
            return;
        }
        Instant lastDrill = null;
        for (DrillReport d : work.view().drills()) {
            if (d.state() == DrillState.COMPLETED && d.completedAt() != null
                    && (lastDrill == null || d.completedAt().isAfter(lastDrill))) {
                lastDrill = d.completedAt();
            }
        }
        var interval = catalog.catalog().platform().drillIntervalDuration();
        if (lastDrill == null || !work.now().isAfter(lastDrill.plus(interval))
                || last.findings().stream().anyMatch(f -> f.kind().equals(Finding.DRILL_OVERDUE))) {
            return;
        }
        publish(work);
        work.audit("drill-overdue", catalog.platformId(), "no completed DR drill since " + lastDrill
                + "; the policy is one at least every " + DurationText.format(interval), false);
    }
}
