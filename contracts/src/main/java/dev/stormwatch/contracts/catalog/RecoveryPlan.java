package dev.stormwatch.contracts.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The recovery-plan arithmetic of docs/dr-process.md, used by the {@code invoke-dr} deadline and the RTO feasibility
 * check:
 *
 * <ul>
 *   <li>a step lasts its expected time plus its contingency (or a measured duration, when a drill supplies one);
 *   <li>a component's steps run in the order listed, except that consecutive steps sharing a {@code parallelGroup} run
 *       together and last as long as the longest of them;
 *   <li>a component starts when every component it depends on has finished; unrelated components run in parallel;
 *   <li>the plan lasts as long as the longest path through that graph: the critical path.
 * </ul>
 *
 * DR is invoked for the platform as a whole, so the plan covers every component. Assumes a validated catalog (no cycle,
 * known dependencies).
 *
 * @param total how long the whole recovery takes
 * @param criticalPath the components on the longest path, first to recover first
 * @param schedule every component's start and finish offsets, in run order
 */
public record RecoveryPlan(Duration total, List<ComponentSchedule> criticalPath, List<ComponentSchedule> schedule) {

    /** One component's place in the plan: offsets from the moment DR is invoked. */
    public record ComponentSchedule(String componentId, Duration start, Duration finish, List<StepSchedule> steps) {

        public Duration duration() {
            return finish.minus(start);
        }
    }

    /** One step's place in the plan; steps of one parallel group share a start. */
    public record StepSchedule(
            String componentId, String step, String parallelGroup, Duration start, Duration finish) {}

    /** The plan with the catalog's estimates (expected + contingency). */
    public static RecoveryPlan of(Catalog catalog) {
        return of(catalog, (component, step) -> step.plannedDuration());
    }

    /**
     * The plan with step durations from {@code durations} (e.g. measured in a drill), given the component id and the
     * step.
     */
    public static RecoveryPlan of(Catalog catalog, BiFunction<String, RecoveryStep, Duration> durations) {
        Map<String, Component> byId = new HashMap<>();
        catalog.components().forEach(c -> byId.put(c.id(), c));
        Map<String, ComponentSchedule> done = new HashMap<>();
        for (Component c : catalog.components()) {
            schedule(c, byId, durations, done);
        }

        List<ComponentSchedule> order = new ArrayList<>(done.values());
        Map<String, Integer> listed = new HashMap<>();
        for (int i = 0; i < catalog.components().size(); i++) {
            listed.put(catalog.components().get(i).id(), i);
        }
        // Run order: by start; at the same start, foundation before the workflow left to right, then priority.
        order.sort(Comparator.comparing(ComponentSchedule::start)
                .thenComparing(s -> layerRank(byId.get(s.componentId())))
                .thenComparing(s -> byId.get(s.componentId()).priorityOrDefault())
                .thenComparing(s -> listed.get(s.componentId())));

        Duration total = Duration.ZERO;
        ComponentSchedule last = null;
        for (ComponentSchedule s : order) {
            if (last == null || s.finish().compareTo(total) > 0) {
                total = s.finish();
                last = s;
            }
        }
        List<ComponentSchedule> path = new ArrayList<>();
        for (ComponentSchedule at = last; at != null; ) {
            path.add(0, at);
            ComponentSchedule previous = null;
            for (String dep : byId.get(at.componentId()).dependsOn()) {
                ComponentSchedule d = done.get(dep);
                if (d != null
                        && d.finish().equals(at.start())
                        && (previous == null || listed.get(dep) < listed.get(previous.componentId()))) {
                    previous = d;
                }
            }
            at = previous;
        }
        return new RecoveryPlan(total, List.copyOf(path), List.copyOf(order));
    }

    /** Every step in run order, for the recovery-step decisions. */
    public List<StepSchedule> stepsInRunOrder() {
        List<StepSchedule> steps = new ArrayList<>();
        schedule.forEach(c -> steps.addAll(c.steps()));
        return steps;
    }

    /** Component ids on the critical path. */
    public List<String> criticalComponents() {
        return criticalPath.stream().map(ComponentSchedule::componentId).toList();
    }

    /** The time left to decide: RTO minus the plan. Negative when the plan cannot meet the RTO. */
    public Duration slack(Duration rto) {
        return rto.minus(total);
    }

    public boolean meets(Duration rto) {
        return total.compareTo(rto) <= 0;
    }

    private static ComponentSchedule schedule(
            Component c,
            Map<String, Component> byId,
            BiFunction<String, RecoveryStep, Duration> durations,
            Map<String, ComponentSchedule> done) {
        ComponentSchedule known = done.get(c.id());
        if (known != null) {
            return known;
        }
        Duration start = Duration.ZERO;
        for (String dep : c.dependsOn()) {
            Component d = byId.get(dep);
            if (d != null && !d.id().equals(c.id())) {
                Duration finish = schedule(d, byId, durations, done).finish();
                if (finish.compareTo(start) > 0) {
                    start = finish;
                }
            }
        }
        List<StepSchedule> steps = new ArrayList<>();
        Duration clock = start;
        int i = 0;
        List<RecoveryStep> recovery = c.recovery();
        while (i < recovery.size()) {
            String group = recovery.get(i).parallelGroup();
            Duration longest = Duration.ZERO;
            int j = i;
            do {
                RecoveryStep s = recovery.get(j);
                Duration d = durations.apply(c.id(), s);
                steps.add(new StepSchedule(c.id(), s.name(), s.parallelGroup(), clock, clock.plus(d)));
                if (d.compareTo(longest) > 0) {
                    longest = d;
                }
                j++;
            } while (group != null
                    && j < recovery.size()
                    && group.equals(recovery.get(j).parallelGroup()));
            clock = clock.plus(longest);
            i = j;
        }
        ComponentSchedule result = new ComponentSchedule(c.id(), start, clock, List.copyOf(steps));
        done.put(c.id(), result);
        return result;
    }

    private static int layerRank(Component c) {
        int rank = Component.LAYERS.indexOf(c.layer());
        return rank < 0 ? Component.LAYERS.size() : rank;
    }
}
