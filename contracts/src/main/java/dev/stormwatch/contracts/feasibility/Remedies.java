package dev.stormwatch.contracts.feasibility;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the authors of a DR plan can do when part of it does not fit its target (docs/dr-process.md, "The RTO
 * arithmetic"): automate, parallelise, uplift the tier, extend the target. Worded here once, so that the correlator's
 * report and the status API's own check read the same.
 */
public final class Remedies {

    private Remedies() {}

    /** The remedies for a plan longer than the RTO: its critical path, and an RTO at least as long as the plan. */
    public static List<String> forRto(Catalog catalog, RecoveryPlan plan) {
        return forPath(
                catalog,
                plan,
                plan.criticalComponents(),
                "Extend the RTO with stakeholders to at least " + DurationText.format(plan.total()));
    }

    /**
     * The remedies for the components on {@code path} (first to recover first), made concrete with their longest steps,
     * their steps that run one after another and their longest recoveries; {@code extend} is the last remedy, which
     * moves the target itself.
     */
    public static List<String> forPath(Catalog catalog, RecoveryPlan plan, List<String> path, String extend) {
        Map<String, RecoveryPlan.ComponentSchedule> schedule = new HashMap<>();
        plan.schedule().forEach(s -> schedule.put(s.componentId(), s));
        List<String> options = new ArrayList<>();
        List<RecoveryPlan.StepSchedule> steps = new ArrayList<>();
        path.forEach(id -> steps.addAll(schedule.get(id).steps()));
        steps.sort(
                Comparator.comparing((RecoveryPlan.StepSchedule s) -> s.finish().minus(s.start()))
                        .reversed());
        options.add("Automate selected recovery steps; the longest on the path are "
                + steps.stream()
                        .limit(3)
                        .map(s -> name(catalog, s.componentId()) + ": " + s.step() + " ("
                                + DurationText.format(s.finish().minus(s.start())) + ")")
                        .collect(Collectors.joining(", ")));
        List<String> sequential = path.stream()
                .filter(id -> sequentialSteps(catalog, id) > 1)
                .map(id -> name(catalog, id) + " (" + sequentialSteps(catalog, id) + " steps one after another)")
                .toList();
        options.add("Run recovery steps in parallel where they do not depend on each other (needs more DR executors): "
                + (sequential.isEmpty()
                        ? "the path " + names(catalog, path) + " runs one component after another; check"
                                + " whether each dependency is real"
                        : String.join(", ", sequential)));
        List<String> longest = path.stream()
                .sorted(Comparator.comparing((String id) -> schedule.get(id).duration())
                        .reversed())
                .limit(2)
                .map(id -> name(catalog, id) + " ("
                        + DurationText.format(schedule.get(id).duration()) + ")")
                .toList();
        options.add("Uplift key components to a higher service tier (PaaS with provider-managed failover, a warm or hot"
                + " spare) so that Microsoft carries more of the recovery: " + String.join(", ", longest));
        options.add(extend);
        return options;
    }

    /** The component names along {@code ids}, joined by arrows. */
    public static String names(Catalog catalog, List<String> ids) {
        return ids.stream().map(id -> name(catalog, id)).collect(Collectors.joining(" → "));
    }

    private static String name(Catalog catalog, String componentId) {
        return catalog.component(componentId).map(Component::displayName).orElse(componentId);
    }

    /** Steps of a component that do not run together with the one before them. */
    private static int sequentialSteps(Catalog catalog, String componentId) {
        int count = 0;
        String group = null;
        for (var step : catalog.component(componentId).map(Component::recovery).orElse(List.of())) {
            if (step.parallelGroup() == null || !step.parallelGroup().equals(group)) {
                count++;
            }
            group = step.parallelGroup();
        }
        return count;
    }
}
