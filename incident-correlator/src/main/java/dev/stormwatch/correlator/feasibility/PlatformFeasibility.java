package dev.stormwatch.correlator.feasibility;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.config.CorrelatorConfig;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a platform's feasibility and readiness are evaluated and published: on a catalog change, when a drill or DR run
 * is completed or its measurements accepted, on the timer when the last completed drill becomes overdue, and on the
 * timer when the readiness checks (secondary region, roles) come to another verdict than the last report's, looked at
 * once the readiness interval since it has passed. A readiness finding that was not there before is audited as
 * readiness-dropped.
 */
public final class PlatformFeasibility {

    private PlatformFeasibility() {}

    /** Evaluates the platform's feasibility with its drills as configured, and publishes it. */
    public static FeasibilityReport publish(PlatformWork work) {
        CatalogView catalog = work.catalog();
        CorrelatorConfig.Feasibility config = work.config().feasibility();
        DrillEvidence evidence =
                DrillEvidence.of(catalog, work.view().drills(), config.basis(), config.drillsConsidered());
        List<Finding> readiness = readiness(work);
        FeasibilityReport before = work.view().feasibility();
        FeasibilityReport report = FeasibilityCheck.evaluate(catalog, work.now(), evidence, readiness);
        work.feasibility(report);
        List<Finding> dropped = readiness.stream()
                .filter(f -> before == null
                        || before.findings().stream()
                                .noneMatch(b ->
                                        b.kind().equals(f.kind()) && b.summary().equals(f.summary())))
                .toList();
        for (Finding f : dropped) {
            work.audit("readiness-dropped", catalog.platformId(), f.kind() + ": " + f.summary(), false);
        }
        return report;
    }

    private static List<Finding> readiness(PlatformWork work) {
        return Readiness.check(
                work.catalog(),
                work.view().ongoingEvents(),
                work.view()::providerLocations,
                work.view().automationReadiness(),
                work.now(),
                work.config().readiness().leaveHorizon());
    }

    /** Readiness findings of a report, to tell whether they changed. */
    private static List<String> readinessOf(List<Finding> findings) {
        return findings.stream()
                .filter(Finding::readiness)
                .map(f -> f.kind() + ":" + f.summary())
                .toList();
    }

    /** On the timer: the last completed drill just became overdue → a new report with the finding. */
    /**
     * From when {@link #onTick} checks the platform's readiness again: the interval after its last report; null without
     * a catalog or a report.
     */
    public static Instant readinessDue(PlatformView view, Duration interval) {
        FeasibilityReport last = view.feasibility();
        if (view.catalog() == null || last == null) {
            return null;
        }
        return last.evaluatedAt() == null ? Instant.EPOCH : last.evaluatedAt().plus(interval);
    }

    /**
     * From when {@link #onTick} reports the platform's drill overdue: just after the drill interval since its last
     * completed drill; null without a catalog, a report or a completed drill, or when the report already says it.
     */
    public static Instant drillOverdueDue(PlatformView view) {
        FeasibilityReport last = view.feasibility();
        CatalogView catalog = view.catalog();
        if (catalog == null
                || last == null
                || last.findings().stream().anyMatch(f -> f.kind().equals(Finding.DRILL_OVERDUE))) {
            return null;
        }
        Instant lastDrill = lastDrill(view);
        // Overdue strictly after the interval: from the next instant on.
        return lastDrill == null
                ? null
                : lastDrill
                        .plus(catalog.catalog().platform().drillIntervalDuration())
                        .plusNanos(1);
    }

    private static Instant lastDrill(PlatformView view) {
        Instant lastDrill = null;
        for (DrillReport d : view.drills()) {
            if (d.state() == DrillState.COMPLETED
                    && d.completedAt() != null
                    && (lastDrill == null || d.completedAt().isAfter(lastDrill))) {
                lastDrill = d.completedAt();
            }
        }
        return lastDrill;
    }

    public static void onTick(PlatformWork work) {
        CatalogView catalog = work.catalog();
        FeasibilityReport last = work.view().feasibility();
        if (catalog == null || last == null) {
            return;
        }
        // Readiness is checked again once the interval since the last report has passed; a change publishes.
        if (!work.now()
                        .isBefore(readinessDue(
                                work.view(), work.config().readiness().interval()))
                && !readinessOf(readiness(work)).equals(readinessOf(last.findings()))) {
            publish(work);
            return;
        }
        Instant overdueFrom = drillOverdueDue(work.view());
        if (overdueFrom == null || work.now().isBefore(overdueFrom)) {
            return;
        }
        Instant lastDrill = lastDrill(work.view());
        var interval = catalog.catalog().platform().drillIntervalDuration();
        publish(work);
        work.audit(
                "drill-overdue",
                catalog.platformId(),
                "no completed DR drill since " + lastDrill + "; the policy is one at least every "
                        + DurationText.format(interval),
                false);
    }
}
