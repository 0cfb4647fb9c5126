package dev.stormwatch.correlator.feasibility;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.feasibility.Remedies;
import dev.stormwatch.correlator.platform.CatalogView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RTO feasibility of one platform (docs/dr-process.md, "The RTO arithmetic"):
 *
 * <ul>
 *   <li>the recovery plan (contracts' arithmetic: critical path through dependencies and parallel groups, with
 *       contingency) against the RTO;
 *   <li>per-stage compounding: a component with a {@code freshness} target needs itself and its whole upstream
 *       recovered within that time; the upstream components that finish later are listed.
 * </ul>
 *
 * Each finding carries the remedies, made concrete for the components involved: automate, parallelise, uplift the tier,
 * extend the RTO.
 */
public final class FeasibilityCheck {

    private FeasibilityCheck() {}

    /** The check with the catalog's estimates, as when no drill was ever completed. */
    public static FeasibilityReport evaluate(CatalogView catalog, Instant now) {
        return evaluate(catalog, now, DrillEvidence.none());
    }

    /**
     * The check with the step durations of {@code evidence} (measured in drills, or the estimates), plus the drill
     * findings: {@code drill-overdue} when the last completed drill is older than the platform's drill interval,
     * {@code steps-never-measured} for components whose steps no completed drill measured. Those two say the plan's
     * timings are not proven; they do not make the plan infeasible ({@code feasible} looks at the RTO and freshness).
     */
    public static FeasibilityReport evaluate(CatalogView catalog, Instant now, DrillEvidence evidence) {
        return evaluate(catalog, now, evidence, List.of());
    }

    /** As above, with the platform's readiness findings listed after the plan's own. */
    public static FeasibilityReport evaluate(
            CatalogView catalog, Instant now, DrillEvidence evidence, List<Finding> readiness) {
        RecoveryPlan plan = evidence.plan(catalog);
        Duration rto = catalog.rto();
        Map<String, RecoveryPlan.ComponentSchedule> schedule = new HashMap<>();
        plan.schedule().forEach(s -> schedule.put(s.componentId(), s));
        List<Finding> findings = new ArrayList<>();
        String measuredIn = evidence.drillsUsed().isEmpty()
                ? ""
                : " with the step durations measured in "
                        + (evidence.drillsUsed().size() == 1 ? "drill " : "drills ")
                        + String.join(", ", evidence.drillsUsed())
                        + (evidence.basis().equals(FeasibilityReport.BASIS_WORST_OF_DRILLS)
                                ? " (the longest of each)"
                                : "");

        if (!plan.meets(rto)) {
            List<String> path = plan.criticalComponents();
            List<String> late = lateComponents(catalog, plan, Set.copyOf(catalog.runOrder()), rto);
            Duration over = plan.total().minus(rto);
            findings.add(new Finding(
                    Finding.RTO_EXCEEDED,
                    null,
                    "The recovery plan" + measuredIn + " takes " + DurationText.format(plan.total()) + ", "
                            + DurationText.format(over) + " over the RTO of " + DurationText.format(rto)
                            + "; critical path " + names(catalog, path),
                    rto,
                    plan.total(),
                    over,
                    late,
                    Remedies.forRto(catalog.catalog(), plan)));
        }

        for (Component c : catalog.components()) {
            if (c.freshness() == null || c.freshness().isBlank()) {
                continue;
            }
            Duration fresh = DurationText.parse(c.freshness());
            Set<String> involved = new java.util.HashSet<>(catalog.upstreamOf(c.id()));
            involved.add(c.id());
            List<String> late = lateComponents(catalog, plan, involved, fresh);
            if (late.isEmpty()) {
                continue;
            }
            Duration needed = late.stream()
                    .map(id -> schedule.get(id).finish())
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            Duration over = needed.minus(fresh);
            String lateText = late.stream()
                    .filter(id -> !id.equals(c.id()))
                    .map(id -> catalog.name(id) + " ("
                            + DurationText.format(schedule.get(id).finish()) + ")")
                    .collect(Collectors.joining(", "));
            String summary = c.displayName() + " must be fresh within " + DurationText.format(fresh)
                    + " (each upstream stage must be recoverable within it), but "
                    + (lateText.isEmpty()
                            ? ""
                            : "its upstream finishes too late: " + lateText + (late.contains(c.id()) ? "; " : ""))
                    + (late.contains(c.id())
                            ? c.displayName() + " itself is recovered at "
                                    + DurationText.format(schedule.get(c.id()).finish())
                            : "");
            findings.add(new Finding(
                    Finding.FRESHNESS_EXCEEDED,
                    c.id(),
                    summary,
                    fresh,
                    needed,
                    over,
                    late,
                    Remedies.forPath(
                            catalog.catalog(),
                            plan,
                            pathTo(catalog, schedule, c.id()),
                            "Agree a longer freshness target for "
                                    + c.displayName() + " with its consumers (at least " + DurationText.format(needed)
                                    + "), or extend the RTO of the stages before it")));
        }
        boolean feasible = findings.isEmpty();

        Duration interval = catalog.catalog().platform().drillIntervalDuration();
        if (evidence.lastDrillAt() != null && now.isAfter(evidence.lastDrillAt().plus(interval))) {
            Duration since = Duration.between(evidence.lastDrillAt(), now);
            findings.add(new Finding(
                    Finding.DRILL_OVERDUE,
                    null,
                    "No completed DR drill since "
                            + evidence.lastDrillAt() + " (" + DurationText.format(since)
                            + " ago); the platform's policy is one at"
                            + " least every " + DurationText.format(interval),
                    interval,
                    since,
                    since.minus(interval),
                    List.of(),
                    List.of(
                            "Schedule a DR drill of " + catalog.platformName() + " against the DR test subscription, so"
                                    + " that the steps stay correct and their timings true",
                            "Agree a longer drill interval with the stakeholders if the plan has not changed")));
        }
        for (DrillReport flagged : evidence.awaitingAcceptance()) {
            List<String> components = flagged.flaggedSteps().stream()
                    .map(StepTiming::componentId)
                    .distinct()
                    .toList();
            String what = (flagged.isRun() ? "DR run " : "drill ") + flagged.drillId();
            findings.add(new Finding(
                    Finding.MEASUREMENT_FLAGGED,
                    null,
                    "The measurements of " + what + " are not used:"
                            + " " + flagged.flaggedSteps().size() + " of its "
                            + flagged.steps().size() + " steps are flagged ("
                            + flagged.flagSummary() + "); its measured plan of "
                            + DurationText.format(flagged.measuredPlanTotal())
                            + " waits for a DR lead's acceptance, the plan"
                            + " uses "
                            + (evidence.drillsUsed().isEmpty()
                                    ? "the catalog's estimates"
                                    : "the measurements of " + String.join(", ", evidence.drillsUsed())),
                    null,
                    flagged.measuredPlanTotal(),
                    null,
                    components,
                    List.of(
                            "Check with the people who ran these steps whether they really took that long and what"
                                    + " evidence they have; a DR lead accepts the measurements once they are confirmed",
                            "Otherwise run these steps again in the next drill, with their validation evidence")));
        }
        if (!evidence.neverMeasured().isEmpty()) {
            findings.add(new Finding(
                    Finding.STEPS_NEVER_MEASURED,
                    null,
                    "No completed drill measured the recovery"
                            + " steps of "
                            + names(catalog, evidence.neverMeasured()).replace(" → ", ", ")
                            + ": the plan uses their estimates",
                    null,
                    null,
                    null,
                    evidence.neverMeasured(),
                    List.of(
                            "Start and complete these steps in the next drill so that their durations are measured",
                            "Review the estimates of these steps with their owners until then")));
        }
        findings.addAll(readiness);
        DrillReport latest = evidence.latest();
        return new FeasibilityReport(
                catalog.platformId(),
                catalog.platformName(),
                now,
                catalog.fingerprint(),
                rto,
                plan.total(),
                plan.slack(rto),
                plan.meets(rto),
                feasible,
                plan.criticalComponents(),
                findings,
                evidence.basis(),
                evidence.drillsUsed(),
                evidence.lastDrillAt(),
                catalog.plan().total(),
                latest == null ? null : latest.measuredPlanTotal(),
                latest == null ? null : latest.drillId(),
                evidence.awaitingAcceptance().stream().map(DrillReport::drillId).toList());
    }

    /** Components among {@code involved} that finish after {@code limit}, in run order. */
    private static List<String> lateComponents(
            CatalogView catalog, RecoveryPlan plan, Set<String> involved, Duration limit) {
        return plan.schedule().stream()
                .filter(s -> involved.contains(s.componentId()) && s.finish().compareTo(limit) > 0)
                .map(RecoveryPlan.ComponentSchedule::componentId)
                .toList();
    }

    /** The longest chain of dependencies that ends in {@code componentId}: what decides when it is recovered. */
    private static List<String> pathTo(
            CatalogView catalog, Map<String, RecoveryPlan.ComponentSchedule> schedule, String componentId) {
        List<String> path = new ArrayList<>();
        String at = componentId;
        while (at != null) {
            path.add(0, at);
            RecoveryPlan.ComponentSchedule s = schedule.get(at);
            String previous = null;
            for (String dep : catalog.component(at).dependsOn()) {
                RecoveryPlan.ComponentSchedule d = schedule.get(dep);
                if (d != null && d.finish().equals(s.start())) {
                    previous = dep;
                    break;
                }
            }
            at = previous;
        }
        return path;
    }

    private static String names(CatalogView catalog, List<String> ids) {
        return ids.stream().map(catalog::name).collect(Collectors.joining(" → "));
    }
}
