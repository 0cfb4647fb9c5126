package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.RegionalOutageScenarioIT.decisions;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.handovers;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.latest;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.latestIncidents;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A DR drill of the example platform (deploy/catalog/contoso-data-platform.yaml, here under its own platform id and
 * subscription so that it shares nothing with the other scenarios of this Quarkus app) on the real broker, with the
 * service clock moved by hand. Every recovery step is started and completed at chosen durations; Data Factory's
 * integration runtime takes five hours, which moves the critical path and puts the measured plan (9h5m) over the RTO of
 * 8h, where the catalog's estimates (6h25m) fit.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DrillScenarioIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLATFORM = "contoso-drill-rehearsal";
    static final String SUBSCRIPTION = "33333333-3333-3333-3333-333333333333";
    static final String DRILL = "dr-2026-11";
    static final String INCIDENT = "drill-" + DRILL;
    static final Instant START = Instant.parse("2026-11-24T09:00:00Z");

    /** Minutes each step took, in run order (FailoverOrder.STEPS). */
    static final int[] TOOK = {40, 50, 20, 150, 300, 40, 35, 70, 45, 120, 50, 25};
    /** The catalog's expected + contingency per step, in run order. */
    static final int[] EXPECTED = {30, 40, 30, 90, 45, 30, 30, 60, 30, 80, 45, 20};

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aDrillMeasuresEveryStepAndItsMeasuredPlanOverTheRtoTurnsTheFeasibilityVerdict() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(START);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap,
                List.of(
                        Topics.DRILLS,
                        Topics.DR_DECISIONS,
                        Topics.INCIDENTS,
                        Topics.HANDOVERS,
                        Topics.FEASIBILITY,
                        Topics.AUDIT),
                PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), clock.instant());
            FeasibilityReport before = feasibility(broker.await(
                            Topics.FEASIBILITY,
                            WAIT,
                            "the catalog's feasibility",
                            w -> !feasibility(w).isEmpty()))
                    .get(0);
            assertTrue(before.meetsRto());
            assertEquals(FeasibilityReport.BASIS_ESTIMATES, before.basis());
            assertEquals(Duration.ofMinutes(385), before.recoveryTotal());

            // 09:00 the DR lead starts the drill: invoke-dr (drill) at once, deadline 09:00 + 8h − 6h25m.
            broker.drill(new DrillRequest(DRILL, PLATFORM, DrillAction.START, "priya", START, "annual DR drill"));
            Decision invoke = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "invoke-dr (drill)",
                                    w -> !decisions(mine(w), DecisionKind.INVOKE_DR)
                                            .isEmpty())),
                            DecisionKind.INVOKE_DR)
                    .get(0);
            assertEquals(INCIDENT + "-invoke-dr", invoke.id());
            assertTrue(invoke.drill());
            assertEquals(Instant.parse("2026-11-24T10:35:00Z"), invoke.deadline());

            // 09:10 approved: twelve recovery steps (drill) in run order.
            clock.set(START.plus(Duration.ofMinutes(10)));
            broker.decide(invoke, DecisionState.APPROVED, "priya", null, clock.instant());
            List<Decision> steps = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "twelve recovery steps",
                                    w -> decisions(mine(w), DecisionKind.RECOVERY_STEP)
                                                    .size()
                                            == 12)),
                            DecisionKind.RECOVERY_STEP)
                    .stream()
                    .sorted(Comparator.comparing(d -> d.step().runOrder()))
                    .toList();
            assertEquals(
                    FailoverOrder.STEPS,
                    steps.stream()
                            .map(s -> s.step().componentId() + ": " + s.step().step())
                            .toList());
            assertTrue(steps.stream().allMatch(Decision::drill));

            // From 09:15 one step after another: started, then completed the chosen minutes later.
            Instant at = START.plus(Duration.ofMinutes(15));
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Decision step = steps.get(i);
                clock.set(at);
                starts.add(at);
                broker.stepStarted(step, "tom", at);
                at = at.plus(Duration.ofMinutes(TOOK[i]));
                clock.set(at);
                broker.decide(step, DecisionState.APPROVED, "tom", "validated step " + (i + 1), at);
            }
            Instant recovered = at;
            assertEquals(START.plus(Duration.ofMinutes(15 + 945)), recovered);
            Decision signoff = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "business sign-off (drill)",
                                    w -> !decisions(mine(w), DecisionKind.BUSINESS_SIGNOFF)
                                            .isEmpty())),
                            DecisionKind.BUSINESS_SIGNOFF)
                    .get(0);
            assertTrue(signoff.drill());
            for (Decision step : steps) {
                Decision done = latest(broker.written(Topics.DR_DECISIONS), step.id());
                assertEquals(DecisionState.APPROVED, done.state());
                assertEquals("tom", done.startedBy(), "the start is kept on the decision when it is approved");
            }

            // Sign-off 20 minutes later: handovers (drill, failed-over), and the fallback (drill) at once.
            clock.set(recovered.plus(Duration.ofMinutes(20)));
            broker.decide(signoff, DecisionState.APPROVED, "fiona", null, clock.instant());
            Decision fallback = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "fallback (drill)",
                                    w -> !decisions(mine(w), DecisionKind.FALLBACK)
                                            .isEmpty())),
                            DecisionKind.FALLBACK)
                    .get(0);
            assertTrue(fallback.drill());
            List<Handover> failedOver = handovers(
                    mine(broker.await(
                            Topics.HANDOVERS,
                            WAIT,
                            "failed-over handovers",
                            w -> handovers(mine(w), HandoverReason.FAILED_OVER).size() == 11)),
                    HandoverReason.FAILED_OVER);
            assertEquals(
                    FailoverOrder.COMPONENTS,
                    failedOver.stream().map(Handover::componentId).toList());
            assertTrue(failedOver.stream()
                    .allMatch(h -> h.drill()
                            && h.incidentId().equals(INCIDENT)
                            && h.region().equals("Australia Southeast")
                            && h.at().equals(recovered.plus(Duration.ofMinutes(20)))));

            // Fallback approved 30 minutes later: handovers (drill, fallback-complete); the drill is complete.
            Instant completed = recovered.plus(Duration.ofMinutes(50));
            clock.set(completed);
            broker.decide(fallback, DecisionState.APPROVED, "priya", null, completed);
            List<Handover> fellBack = handovers(
                    mine(broker.await(
                            Topics.HANDOVERS,
                            WAIT,
                            "fallback-complete handovers",
                            w -> handovers(mine(w), HandoverReason.FALLBACK_COMPLETE)
                                            .size()
                                    == 11)),
                    HandoverReason.FALLBACK_COMPLETE);
            assertEquals(
                    FailoverOrder.COMPONENTS,
                    fellBack.stream().map(Handover::componentId).toList());
            assertTrue(fellBack.stream().allMatch(h -> h.drill() && h.region().equals("Australia East")));
            List<DrillReport> reports = broker
                    .await(
                            Topics.DRILLS,
                            WAIT,
                            "the completed drill report",
                            w -> reports(w).stream().anyMatch(r -> r.state() == DrillState.COMPLETED))
                    .stream()
                    .filter(w -> w.key().equals(DRILL)
                            && EventTypes.DRILL.equals(w.event().type()))
                    .map(w -> w.data(DrillReport.class))
                    .toList();
            DrillReport report = reports.get(reports.size() - 1);

            // The report: per step expected beside actual, the totals, the critical path as run.
            assertEquals(DrillState.COMPLETED, report.state());
            assertEquals(INCIDENT, report.incidentId());
            assertEquals("priya", report.startedBy());
            assertEquals(START, report.startedAt());
            assertEquals("priya", report.drInvokedBy());
            assertEquals(START.plus(Duration.ofMinutes(10)), report.drInvokedAt());
            assertEquals(recovered, report.recoveredAt());
            assertEquals(completed, report.completedAt());
            assertEquals(12, report.steps().size());
            for (int i = 0; i < 12; i++) {
                StepTiming t = report.steps().get(i);
                assertEquals(i + 1, t.runOrder());
                assertEquals(FailoverOrder.STEPS.get(i), t.componentId() + ": " + t.step());
                assertEquals(Duration.ofMinutes(EXPECTED[i]), t.expected(), t.step());
                assertEquals(starts.get(i), t.startedAt(), t.step());
                assertEquals(starts.get(i).plus(Duration.ofMinutes(TOOK[i])), t.completedAt(), t.step());
                assertEquals(Duration.ofMinutes(TOOK[i]), t.actual(), t.step());
                assertEquals("tom", t.startedBy());
                assertEquals("tom", t.completedBy());
                assertEquals(1, t.attempts());
                assertEquals("validated step " + (i + 1), t.evidence());
            }
            assertEquals(Duration.ofHours(8), report.rto());
            assertEquals(Duration.ofMinutes(385), report.expectedTotal());
            assertEquals(
                    Duration.ofMinutes(950), report.actualTotal(), "09:10 → 01:00 the next day, one step at a time");
            // Shared services 50 → Data Factory 300 → Synapse 120 → Analysis Services 50 → Power BI 25 = 545 min.
            assertEquals(Duration.ofMinutes(545), report.measuredPlanTotal());
            assertEquals(
                    List.of(
                            "key-vault",
                            "adls-raw",
                            "adls-enriched",
                            "adls-curated",
                            "databricks",
                            "synapse",
                            "analysis-services",
                            "power-bi"),
                    report.expectedCriticalPath());
            assertEquals(
                    List.of("shared-services", "data-factory", "synapse", "analysis-services", "power-bi"),
                    report.criticalPathAsRun());
            assertFalse(report.meetsRto());
            for (int i = 1; i < reports.size(); i++) {
                assertEquals(reports.get(i - 1).version() + 1, reports.get(i).version(), "a new version per change");
            }

            // The feasibility verdict turned: the measured plan exceeds the RTO.
            FeasibilityReport after = broker
                    .await(
                            Topics.FEASIBILITY,
                            WAIT,
                            "feasibility from the drill",
                            w -> feasibility(w).stream()
                                    .anyMatch(f -> !f.drillsUsed().isEmpty()))
                    .stream()
                    .map(w -> w.data(FeasibilityReport.class))
                    .filter(f -> f.platformId().equals(PLATFORM))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertFalse(after.meetsRto());
            assertEquals(FeasibilityReport.BASIS_LATEST_DRILL, after.basis());
            assertEquals(List.of(DRILL), after.drillsUsed());
            assertEquals(completed, after.lastDrillAt());
            assertEquals(Duration.ofMinutes(545), after.recoveryTotal());
            assertEquals(Duration.ofMinutes(-65), after.slack());
            assertEquals(
                    List.of(Finding.RTO_EXCEEDED, Finding.FRESHNESS_EXCEEDED),
                    after.findings().stream().map(Finding::kind).toList());
            Finding rto = after.findings().get(0);
            assertTrue(
                    rto.summary()
                            .startsWith("The recovery plan with the step durations measured in drill " + DRILL
                                    + " takes 9h5m, 1h5m over the RTO of 8h; critical path Enterprise shared services"),
                    rto.summary());
            assertEquals(4, rto.options().size());
            assertTrue(
                    rto.options()
                            .get(0)
                            .startsWith("Automate selected recovery steps; the longest on the path are"
                                    + " Data Factory ingest: Enable the secondary integration runtime and "
                                    + "linked services (5h)"),
                    rto.options().get(0));

            // Every record of the drill carries the drill extension; the drill incident is resolved.
            for (var topic : List.of(Topics.DR_DECISIONS, Topics.INCIDENTS, Topics.HANDOVERS, Topics.DRILLS)) {
                List<BrokerClient.Written> drillRecords = mine(broker.written(topic));
                assertFalse(drillRecords.isEmpty(), topic.name());
                assertTrue(drillRecords.stream().allMatch(w -> w.event().isDrill()), topic.name());
            }
            List<BrokerClient.Written> audit = broker.written(Topics.AUDIT).stream()
                    .filter(w -> w.data(AuditRecord.class).platformId().equals(PLATFORM))
                    .toList();
            assertTrue(audit.stream()
                    .filter(w -> !w.data(AuditRecord.class).action().equals("catalog-loaded"))
                    .allMatch(w ->
                            w.event().isDrill() && w.data(AuditRecord.class).drill()));
            assertTrue(audit.stream()
                    .anyMatch(w -> w.data(AuditRecord.class).action().equals("drill-completed")));
            Incident incident =
                    latestIncidents(mine(broker.written(Topics.INCIDENTS))).get(INCIDENT);
            assertTrue(incident.drill());
            assertEquals(IncidentState.RESOLVED, incident.state());
            assertTrue(incident.title().startsWith("DR drill of Contoso Data Platform"), incident.title());
        }
    }

    /** Records of this test's platform (the app runs the other scenarios' platforms too). */
    static List<BrokerClient.Written> mine(List<BrokerClient.Written> written) {
        return written.stream().filter(w -> w.event() != null && belongs(w)).toList();
    }

    private static boolean belongs(BrokerClient.Written w) {
        return switch (w.topic()) {
            case "dr-decisions.v1" ->
                EventTypes.DECISION.equals(w.event().type())
                        && w.data(Decision.class).platformId().equals(PLATFORM);
            case "incidents.v1" -> w.data(Incident.class).platformId().equals(PLATFORM);
            case "handovers.v1" -> w.data(Handover.class).platformId().equals(PLATFORM);
            case "drills.v1" ->
                EventTypes.DRILL.equals(w.event().type())
                        && w.data(DrillReport.class).platformId().equals(PLATFORM);
            default -> false;
        };
    }

    static List<FeasibilityReport> feasibility(List<BrokerClient.Written> written) {
        return written.stream()
                .map(w -> w.data(FeasibilityReport.class))
                .filter(f -> f.platformId().equals(PLATFORM))
                .toList();
    }

    static List<DrillReport> reports(List<BrokerClient.Written> written) {
        return written.stream()
                .filter(w -> DRILL.equals(w.key())
                        && EventTypes.DRILL.equals(w.event().type()))
                .map(w -> w.data(DrillReport.class))
                .toList();
    }
}
