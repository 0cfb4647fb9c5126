package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.decisions;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.health.HealthEvent;
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
 * A real DR run of the example plan on the real broker, with the service clock moved by hand: Storage is lost in the
 * primary region at 10:00, the DR lead invokes DR at 10:20, the twelve steps run one after another from 10:30 at chosen
 * durations (done at 18:20), and the business signs off at 18:50. The run report's numbers are checked against the hand
 * computation: recovery time 8h30m from DR invoked to sign-off against the RTO of 8h (30 min over), actual 8h to the
 * last step, and the plan with the measured durations 5h45m along the same critical path as the estimates. The
 * completed run goes to downstream subscribers as dr-run-completed and becomes the feasibility basis.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DrRunReportIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLATFORM = "contoso-real-run";
    static final String SUBSCRIPTION = "55555555-5555-5555-5555-555555555555";
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant INVOKED = Instant.parse("2026-11-30T10:20:00Z");
    static final Instant FIRST_STEP = Instant.parse("2026-11-30T10:30:00Z");
    static final Instant RECOVERED = Instant.parse("2026-11-30T18:20:00Z");
    static final Instant SIGNED_OFF = Instant.parse("2026-11-30T18:50:00Z");

    /** Minutes each step took, in run order: never under a quarter of its estimate, all with evidence. */
    static final int[] TOOK = {25, 35, 20, 80, 40, 30, 25, 55, 30, 70, 40, 20};

    static final int[] EXPECTED = {30, 40, 30, 90, 45, 30, 30, 60, 30, 80, 45, 20};

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRealDrRunIsReportedFromDrInvokedToBusinessSignOffAgainstTheRto() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(T0);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap,
                List.of(Topics.DRILLS, Topics.DR_DECISIONS, Topics.HANDOVERS, Topics.FEASIBILITY, Topics.AUDIT),
                PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), clock.instant());
            broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "the catalog's feasibility",
                    w -> !feasibility(w).isEmpty());

            HealthEvent storage = HealthEvents.incident("RUN-STG", "Storage", PRIMARY, T0)
                    .subscription(SUBSCRIPTION)
                    .build();
            broker.health("he-run-stg-a", storage, clock.instant());
            Decision invoke = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "invoke-dr",
                                    w -> !decisions(mine(w), DecisionKind.INVOKE_DR)
                                            .isEmpty())),
                            DecisionKind.INVOKE_DR)
                    .get(0);
            assertFalse(invoke.drill());
            String runId = "run-" + invoke.id();

            clock.set(INVOKED);
            broker.decide(invoke, DecisionState.APPROVED, "priya", "bridge call", INVOKED);
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
            Instant at = FIRST_STEP;
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                clock.set(at);
                starts.add(at);
                broker.stepStarted(steps.get(i), "tom", at);
                at = at.plus(Duration.ofMinutes(TOOK[i]));
                clock.set(at);
                broker.decide(steps.get(i), DecisionState.APPROVED, "tom", "validated step " + (i + 1), at);
            }
            assertEquals(RECOVERED, at);
            Decision signoff = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "business sign-off",
                                    w -> !decisions(mine(w), DecisionKind.BUSINESS_SIGNOFF)
                                            .isEmpty())),
                            DecisionKind.BUSINESS_SIGNOFF)
                    .get(0);
            DrillReport beforeSignoff = last(runs(
                    broker.await(
                            Topics.DRILLS,
                            WAIT,
                            "the run waiting for sign-off",
                            w -> runs(w, runId).stream().anyMatch(r -> r.state() == DrillState.SIGNING_OFF)),
                    runId));
            assertEquals(DrillState.SIGNING_OFF, beforeSignoff.state());
            assertNull(beforeSignoff.recoveryTime());

            clock.set(SIGNED_OFF);
            broker.decide(signoff, DecisionState.APPROVED, "fiona", "finance reports reconciled", SIGNED_OFF);
            List<BrokerClient.Written> reports = broker.await(
                    Topics.DRILLS,
                    WAIT,
                    "the completed run",
                    w -> runs(w, runId).stream().anyMatch(r -> r.state() == DrillState.COMPLETED));
            DrillReport run = last(runs(reports, runId));
            BrokerClient.Written runRecord = reports.stream()
                    .filter(w -> runId.equals(w.key()))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(EventTypes.DR_RUN, runRecord.event().type());
            assertFalse(runRecord.event().isDrill(), "a real run is not a drill");

            // The run report against the hand computation.
            assertEquals(DrillReport.DR_RUN, run.kind());
            assertEquals(DrillState.COMPLETED, run.state());
            assertEquals(PLATFORM, run.platformId());
            assertEquals(invoke.incidentId(), run.incidentId());
            assertEquals("priya", run.drInvokedBy());
            assertEquals(INVOKED, run.drInvokedAt());
            assertEquals(RECOVERED, run.recoveredAt());
            assertEquals("fiona", run.signedOffBy());
            assertEquals(SIGNED_OFF, run.signedOffAt());
            assertEquals(SIGNED_OFF, run.completedAt());
            assertEquals(Duration.ofHours(8), run.rto());
            assertEquals(Duration.ofMinutes(510), run.recoveryTime(), "10:20 → 18:50");
            assertEquals(Duration.ofMinutes(480), run.actualTotal(), "10:20 → 18:20, the last step done");
            assertEquals(Duration.ofMinutes(385), run.expectedTotal());
            // key-vault 25 → adls-raw 80 → enriched 30 → curated 25 → databricks 55 (jobs 30 beside it) → synapse 70
            // → analysis services 40 → power bi 20 = 345 min; data factory (after shared services 35) is done at 75.
            assertEquals(Duration.ofMinutes(345), run.measuredPlanTotal());
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
                    run.criticalPathAsRun());
            assertEquals(run.expectedCriticalPath(), run.criticalPathAsRun());
            assertTrue(run.meetsRto());
            assertEquals(12, run.steps().size());
            for (int i = 0; i < 12; i++) {
                StepTiming t = run.steps().get(i);
                assertEquals(FailoverOrder.STEPS.get(i), t.componentId() + ": " + t.step());
                assertEquals(Duration.ofMinutes(EXPECTED[i]), t.expected(), t.step());
                assertEquals(starts.get(i), t.startedAt(), t.step());
                assertEquals(starts.get(i).plus(Duration.ofMinutes(TOOK[i])), t.completedAt(), t.step());
                assertEquals(Duration.ofMinutes(TOOK[i]), t.actual(), t.step());
                assertEquals("validated step " + (i + 1), t.evidence());
                assertEquals(List.of(), t.flags(), t.step());
            }

            // Downstream subscribers get dr-run-completed with the final report, beside the handovers.
            BrokerClient.Written completed = broker
                    .await(
                            Topics.HANDOVERS,
                            WAIT,
                            "dr-run-completed",
                            w -> w.stream()
                                    .anyMatch(x -> EventTypes.DR_RUN_COMPLETED.equals(
                                                    x.event().type())
                                            && PLATFORM.equals(x.key())))
                    .stream()
                    .filter(x -> EventTypes.DR_RUN_COMPLETED.equals(x.event().type()) && PLATFORM.equals(x.key()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("dr-run-completed-" + runId, completed.event().id());
            assertEquals(SIGNED_OFF, completed.event().time());
            assertFalse(completed.event().isDrill());
            assertEquals(run, completed.data(DrillReport.class));

            List<AuditRecord> audit = broker
                    .await(
                            Topics.AUDIT,
                            WAIT,
                            "the run in the audit trail",
                            w -> w.stream()
                                    .anyMatch(a ->
                                            a.data(AuditRecord.class).action().equals("dr-run-completed")
                                                    && a.data(AuditRecord.class)
                                                            .platformId()
                                                            .equals(PLATFORM)))
                    .stream()
                    .map(w -> w.data(AuditRecord.class))
                    .filter(a -> a.platformId().equals(PLATFORM) && a.action().startsWith("dr-run-"))
                    .toList();
            assertEquals(
                    List.of(
                            new AuditRecord(
                                    PLATFORM,
                                    INVOKED,
                                    "incident-correlator",
                                    "dr-run-started",
                                    runId,
                                    "DR run of Contoso Data Platform" + " for incident " + invoke.incidentId()
                                            + ": DR invoked by priya at " + INVOKED,
                                    false),
                            new AuditRecord(
                                    PLATFORM,
                                    SIGNED_OFF,
                                    "incident-correlator",
                                    "dr-run-completed",
                                    runId,
                                    "signed off by fiona;"
                                            + " recovery time 8h30m from DR invoked to business sign-off against an "
                                            + "RTO of 8h: over the RTO by 30m",
                                    false)),
                    audit);

            // The run's measurements feed the feasibility basis, which names the run.
            FeasibilityReport after = last(feasibility(broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "feasibility from the run",
                    w -> feasibility(w).stream().anyMatch(f -> f.drillsUsed().contains(runId)))));
            assertEquals(FeasibilityReport.BASIS_LATEST_DRILL, after.basis());
            assertEquals(List.of(runId), after.drillsUsed());
            assertEquals(Duration.ofMinutes(345), after.recoveryTotal());
            assertEquals(Duration.ofMinutes(385), after.estimatedTotal());
            assertEquals(Duration.ofMinutes(345), after.measuredTotal());
            assertEquals(runId, after.measuredIn());
            assertEquals(SIGNED_OFF, after.lastDrillAt());
        }
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static List<BrokerClient.Written> mine(List<BrokerClient.Written> written) {
        return written.stream()
                .filter(w -> w.event() != null
                        && EventTypes.DECISION.equals(w.event().type())
                        && w.data(Decision.class).platformId().equals(PLATFORM))
                .toList();
    }

    static List<FeasibilityReport> feasibility(List<BrokerClient.Written> written) {
        return written.stream()
                .map(w -> w.data(FeasibilityReport.class))
                .filter(f -> f.platformId().equals(PLATFORM))
                .toList();
    }

    static List<DrillReport> runs(List<BrokerClient.Written> written, String runId) {
        return written.stream()
                .filter(w -> runId.equals(w.key())
                        && EventTypes.DR_RUN.equals(w.event().type()))
                .map(w -> w.data(DrillReport.class))
                .toList();
    }
}
