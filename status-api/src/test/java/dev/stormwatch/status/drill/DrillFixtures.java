package dev.stormwatch.status.drill;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drill reports as the correlator writes them (type DRILL on drills.v1, key drill id, drill extension set), for the
 * small test platform: DR invoked at 10:10, steps run at chosen durations, measured plan 4 h.
 */
public final class DrillFixtures {

    public static final Instant STARTED = Instant.parse("2026-11-22T10:00:00Z");
    public static final Instant INVOKED = Instant.parse("2026-11-22T10:10:00Z");

    private DrillFixtures() {}

    public static StepTiming step(
            int order,
            String component,
            String step,
            String group,
            long expectedMin,
            Instant started,
            long actualMin,
            String by,
            String evidence) {
        Instant completed = started.plus(Duration.ofMinutes(actualMin));
        return new StepTiming(
                order,
                component,
                step,
                group,
                Duration.ofMinutes(expectedMin),
                started,
                by,
                completed,
                by,
                Duration.ofMinutes(actualMin),
                1,
                evidence);
    }

    /**
     * Every step of small-platform measured: key vault 25 min, storage 2 h, data factory 45, databricks 70 and 20,
     * power bi 25.
     */
    public static List<StepTiming> measuredSteps() {
        Instant kv = INVOKED;
        Instant st = kv.plus(Duration.ofMinutes(25));
        Instant db = st.plus(Duration.ofMinutes(120));
        Instant pbi = db.plus(Duration.ofMinutes(70));
        return List.of(
                step(
                        1,
                        "key-vault",
                        "Recover Key Vault",
                        null,
                        30,
                        kv,
                        25,
                        "mulder",
                        "vault reachable from the secondary"),
                step(
                        2,
                        "storage",
                        "Fail over storage",
                        null,
                        90,
                        st,
                        120,
                        "scully",
                        "account failover completed, RA-GRS"),
                step(
                        2,
                        "data-factory",
                        "Enable the secondary integration runtime",
                        null,
                        45,
                        st,
                        45,
                        "skinner",
                        "runtime online"),
                step(3, "databricks", "Deploy workspace", "ws", 60, db, 70, "mulder", "workspace deployed"),
                step(3, "databricks", "Restore jobs", "ws", 30, db, 20, "mulder", "jobs restored"),
                step(4, "power-bi", "Repoint datasets", null, 20, pbi, 25, "scully", "datasets refreshed"));
    }

    public static DrillReport report(String drillId, String platformId, DrillState state, Duration rto, long version) {
        List<StepTiming> steps = measuredSteps();
        Instant recovered = steps.get(5).completedAt();
        Duration measured = Duration.ofMinutes(240);
        boolean done = state == DrillState.SIGNING_OFF || state == DrillState.COMPLETED;
        return new DrillReport(
                drillId,
                platformId,
                "Small Test Platform",
                "drill-" + drillId,
                state,
                "annual storage rehearsal",
                "dr-lead",
                STARTED,
                "dana",
                INVOKED,
                done ? recovered : null,
                state == DrillState.COMPLETED ? recovered.plusSeconds(1800) : null,
                rto,
                Duration.ofMinutes(200),
                done ? Duration.between(INVOKED, recovered) : null,
                done ? measured : null,
                done ? measured.compareTo(rto) <= 0 : null,
                List.of("key-vault", "storage", "databricks", "power-bi"),
                List.of("key-vault", "storage", "databricks", "power-bi"),
                steps,
                version);
    }

    /** The share of its estimate under which a measured step is flagged (the correlator's default). */
    public static final double SUSPECT_BELOW = 0.25;

    /** How long {@link #flagged} says the first step took: 5 min against its 30, under a quarter of it. */
    public static final Duration CLICKED_THROUGH = Duration.ofMinutes(5);

    /**
     * {@code r} whose first step (Key Vault, estimated 30 min) was completed in 5 min: under a quarter of its estimate,
     * so flagged by the rule the correlator applies ({@link StepTiming#flagsOf}); the measured plan is 20 min shorter
     * (220 min), as the correlator works it out, and the rest of the run is as measured.
     */
    public static DrillReport flagged(DrillReport r) {
        List<StepTiming> steps = new java.util.ArrayList<>(r.steps());
        StepTiming s = steps.get(0);
        List<String> flags = StepTiming.flagsOf(s.expected(), CLICKED_THROUGH, s.evidence(), SUSPECT_BELOW);
        if (!flags.equals(List.of(StepTiming.FAR_BELOW_ESTIMATE))) {
            throw new IllegalStateException("the fixture's first step is not far below its estimate: " + flags);
        }
        steps.set(
                0,
                new StepTiming(
                        s.runOrder(),
                        s.componentId(),
                        s.step(),
                        s.parallelGroup(),
                        s.expected(),
                        s.startedAt(),
                        s.startedBy(),
                        s.startedAt().plus(CLICKED_THROUGH),
                        s.completedBy(),
                        CLICKED_THROUGH,
                        s.attempts(),
                        s.evidence(),
                        flags));
        Duration measuredPlan = r.measuredPlanTotal() == null
                ? null
                : r.measuredPlanTotal().minus(s.actual()).plus(CLICKED_THROUGH);
        return new DrillReport(
                r.drillId(),
                r.platformId(),
                r.platformName(),
                r.incidentId(),
                r.state(),
                r.note(),
                r.startedBy(),
                r.startedAt(),
                r.drInvokedBy(),
                r.drInvokedAt(),
                r.recoveredAt(),
                r.completedAt(),
                r.rto(),
                r.expectedTotal(),
                r.actualTotal(),
                measuredPlan,
                measuredPlan == null ? r.meetsRto() : measuredPlan.compareTo(r.rto()) <= 0,
                r.expectedCriticalPath(),
                r.criticalPathAsRun(),
                steps,
                r.version(),
                r.kind(),
                r.signedOffBy(),
                r.signedOffAt(),
                r.recoveryTime(),
                r.acceptedBy(),
                r.acceptedAt());
    }

    public static void write(DrillReport report) {
        TopicWriter.get()
                .write(
                        Topics.DRILLS,
                        report.drillId(),
                        EventTypes.DRILL,
                        "drill:" + report.drillId() + ":" + report.version(),
                        Samples.CORRELATOR,
                        STARTED,
                        true,
                        report);
    }
}
