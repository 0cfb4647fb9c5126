package dev.stormwatch.status.feasibility;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.Remedies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a platform's RTO feasibility from its catalog with contracts' {@link RecoveryPlan} (the arithmetic the
 * correlator uses too), and merges in the correlator's {@link FeasibilityReport} when there is one.
 */
public final class FeasibilityCheck {

    private FeasibilityCheck() {}

    /** From the catalog alone. */
    public static FeasibilityFinding of(Catalog catalog) {
        RecoveryPlan plan = RecoveryPlan.of(catalog);
        Duration rto = catalog.platform().rtoDuration();
        boolean meets = plan.meets(rto);
        long slack = plan.slack(rto).toMinutes();
        List<FeasibilityFinding.PathComponent> path = path(catalog, plan);
        String route = String.join(
                " → ", path.stream().map(FeasibilityFinding.PathComponent::name).toList());
        List<FeasibilityFinding.Item> findings = new ArrayList<>();
        String summary;
        if (meets) {
            summary = "Recovery plan fits the RTO of " + catalog.platform().rto() + ": " + minutes(plan.total())
                    + " on the critical path, " + minutes(Duration.ofMinutes(slack)) + " to spare (" + route + ")";
        } else {
            summary =
                    "Recovery plan cannot meet the RTO of " + catalog.platform().rto() + ": " + minutes(plan.total())
                            + " on the critical path, " + minutes(Duration.ofMinutes(-slack)) + " over (" + route + ")";
            List<String> options = Remedies.forRto(catalog, plan);
            List<String> late = plan.schedule().stream()
                    .filter(s -> s.finish().compareTo(rto) > 0)
                    .map(RecoveryPlan.ComponentSchedule::componentId)
                    .toList();
            findings.add(new FeasibilityFinding.Item("rto-exceeded", null, summary, -slack, late, options));
        }
        return new FeasibilityFinding(
                catalog.platformId(),
                catalog.platform().name(),
                "catalog",
                meets,
                meets,
                rto.toMinutes(),
                plan.total().toMinutes(),
                slack,
                summary,
                path,
                findings,
                null,
                FeasibilityReport.BASIS_ESTIMATES,
                List.of(),
                null,
                plan.total().toMinutes(),
                null,
                null,
                List.of());
    }

    /** The correlator's report, with the critical path's steps from the catalog when the catalog is known. */
    public static FeasibilityFinding of(FeasibilityReport report, Catalog catalog) {
        List<FeasibilityFinding.PathComponent> path = catalog != null
                ? path(catalog, RecoveryPlan.of(catalog))
                : report.criticalPath().stream()
                        .map(id -> new FeasibilityFinding.PathComponent(id, id, 0, 0, List.of()))
                        .toList();
        List<FeasibilityFinding.Item> findings = report.findings().stream()
                .map(f -> new FeasibilityFinding.Item(
                        f.kind(),
                        f.componentId(),
                        f.summary(),
                        f.overBy() == null ? 0 : f.overBy().toMinutes(),
                        f.lateComponents(),
                        f.options()))
                .toList();
        long rto = report.rto() == null ? 0 : report.rto().toMinutes();
        long total = report.recoveryTotal() == null ? 0 : report.recoveryTotal().toMinutes();
        long slack = report.slack() == null ? rto - total : report.slack().toMinutes();
        String summary = findings.isEmpty()
                ? "Recovery plan fits the RTO: " + minutes(Duration.ofMinutes(total)) + " on the critical path, "
                        + minutes(Duration.ofMinutes(slack)) + " to spare"
                : findings.get(0).summary() + (findings.size() > 1 ? " (+" + (findings.size() - 1) + " more)" : "");
        long estimated = report.estimatedTotal() != null
                ? report.estimatedTotal().toMinutes()
                : catalog != null ? RecoveryPlan.of(catalog).total().toMinutes() : total;
        return new FeasibilityFinding(
                report.platformId(),
                report.platformName(),
                "correlator",
                report.feasible(),
                report.meetsRto(),
                rto,
                total,
                slack,
                summary,
                path,
                findings,
                report.evaluatedAt(),
                report.basis(),
                report.drillsUsed(),
                report.lastDrillAt(),
                estimated,
                report.measuredTotal() == null ? null : report.measuredTotal().toMinutes(),
                report.measuredIn(),
                report.awaitingAcceptance());
    }

    private static List<FeasibilityFinding.PathComponent> path(Catalog catalog, RecoveryPlan plan) {
        return plan.criticalPath().stream()
                .map(s -> new FeasibilityFinding.PathComponent(
                        s.componentId(),
                        catalog.component(s.componentId())
                                .map(Component::displayName)
                                .orElse(s.componentId()),
                        s.start().toMinutes(),
                        s.finish().toMinutes(),
                        s.steps().stream()
                                .map(st -> new FeasibilityFinding.PathStep(
                                        st.step(),
                                        st.parallelGroup(),
                                        st.start().toMinutes(),
                                        st.finish().toMinutes()))
                                .toList()))
                .toList();
    }

    /** 200 min → "3 h 20 min". */
    static String minutes(Duration d) {
        long m = d.toMinutes();
        if (m < 60) {
            return m + " min";
        }
        return (m / 60) + " h" + (m % 60 == 0 ? "" : " " + (m % 60) + " min");
    }
}
