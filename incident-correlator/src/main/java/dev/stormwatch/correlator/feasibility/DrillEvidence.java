package dev.stormwatch.correlator.feasibility;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.correlator.config.CorrelatorConfig.Feasibility.Basis;
import dev.stormwatch.correlator.platform.CatalogView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform's completed drills and real DR runs say about its recovery steps, for the feasibility check: the
 * step durations to use (measured where the chosen drills or runs measured them, the catalog's estimate elsewhere),
 * which were used, when the last one was completed, and the components none ever measured. Only trusted measurements
 * are used: a drill or run with a flagged step (far below its estimate, or without evidence) waits for a DR lead's
 * acceptance, and is listed as such; the latest measured plan is kept beside the estimates whether trusted or not.
 *
 * @param basis {@code catalog-estimates}, {@code latest-drill} or {@code worst-of-last-drills}: what was used
 * @param measured step key ({@link #key}) → duration, from the drills used
 * @param drillsUsed drill ids, newest first
 * @param lastDrillAt when the latest drill was completed; null when none was
 * @param neverMeasured components with a step no completed drill measured (empty while no drill was completed)
 * @param latest the latest completed drill or run, trusted or not (null: none)
 * @param awaitingAcceptance completed drills and runs with flagged measurements nobody accepted yet
 */
public record DrillEvidence(
        String basis,
        Map<String, Duration> measured,
        List<String> drillsUsed,
        Instant lastDrillAt,
        List<String> neverMeasured,
        DrillReport latest,
        List<DrillReport> awaitingAcceptance) {

    public DrillEvidence(
            String basis,
            Map<String, Duration> measured,
            List<String> drillsUsed,
            Instant lastDrillAt,
            List<String> neverMeasured) {
        this(basis, measured, drillsUsed, lastDrillAt, neverMeasured, null, List.of());
    }

    /** No completed drill: the catalog's estimates. */
    public static DrillEvidence none() {
        return new DrillEvidence(FeasibilityReport.BASIS_ESTIMATES, Map.of(), List.of(), null, List.of());
    }

    /**
     * The evidence of {@code drills} (any state; only completed ones count) for {@code catalog}, with the configured
     * basis and the number of drills {@code worst-of-last-drills} looks at.
     */
    public static DrillEvidence of(
            CatalogView catalog, Collection<DrillReport> drills, Basis configuredBasis, int drillsConsidered) {
        String basis = configuredBasis.wire();
        List<DrillReport> all = new ArrayList<>();
        for (DrillReport d : drills) {
            if (d.state() == DrillState.COMPLETED && d.completedAt() != null) {
                all.add(d);
            }
        }
        if (all.isEmpty()) {
            return none();
        }
        all.sort(Comparator.comparing(DrillReport::completedAt).reversed().thenComparing(DrillReport::drillId));
        Instant last = all.get(0).completedAt();
        DrillReport latest = all.get(0);
        List<DrillReport> awaiting = all.stream().filter(d -> !d.trusted()).toList();
        List<DrillReport> completed = all.stream().filter(DrillReport::trusted).toList();
        if (completed.isEmpty()) {
            return new DrillEvidence(
                    FeasibilityReport.BASIS_ESTIMATES, Map.of(), List.of(), last, List.of(), latest, awaiting);
        }

        Set<String> everMeasured = new HashSet<>();
        completed.forEach(d -> measuredOf(d).keySet().forEach(everMeasured::add));
        List<String> neverMeasured = new ArrayList<>();
        for (Component c : catalog.components()) {
            boolean measuredAll = c.recovery().stream().allMatch(s -> everMeasured.contains(key(c.id(), s)));
            if (!measuredAll) {
                neverMeasured.add(c.id());
            }
        }

        if (configuredBasis == Basis.CATALOG_ESTIMATES) {
            return new DrillEvidence(basis, Map.of(), List.of(), last, neverMeasured, latest, awaiting);
        }
        List<DrillReport> used = configuredBasis == Basis.LATEST_DRILL
                ? completed.subList(0, 1)
                : completed.subList(0, Math.min(Math.max(1, drillsConsidered), completed.size()));
        Map<String, Duration> measured = new HashMap<>();
        for (DrillReport d : used) {
            measuredOf(d).forEach((k, v) -> measured.merge(k, v, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
        return new DrillEvidence(
                basis,
                Map.copyOf(measured),
                used.stream().map(DrillReport::drillId).toList(),
                last,
                neverMeasured,
                latest,
                awaiting);
    }

    /** The plan of {@code catalog} with these step durations. */
    public RecoveryPlan plan(CatalogView catalog) {
        if (measured.isEmpty()) {
            return catalog.plan();
        }
        return RecoveryPlan.of(
                catalog.catalog(),
                (componentId, step) -> measured.getOrDefault(key(componentId, step), step.plannedDuration()));
    }

    /** How a step is named across drills and catalog versions: its component and its name. */
    public static String key(String componentId, RecoveryStep step) {
        return key(componentId, step.name());
    }

    public static String key(String componentId, String stepName) {
        return componentId + "\u0000" + stepName;
    }

    private static Map<String, Duration> measuredOf(DrillReport d) {
        Map<String, Duration> out = new HashMap<>();
        for (StepTiming t : d.steps()) {
            if (t.actual() != null) {
                out.merge(key(t.componentId(), t.step()), t.actual(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return out;
    }
}
