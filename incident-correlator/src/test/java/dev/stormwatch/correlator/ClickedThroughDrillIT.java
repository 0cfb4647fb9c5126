package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.RegionalOutageScenarioIT.decisions;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A drill of the example plan clicked through as a new user would (every step started and completed within a minute,
 * against estimates of 20 to 90 minutes; the last one without evidence), on the real broker: every step is flagged, the
 * feasibility stays on the catalog's estimates and shows the measured plan beside them with a finding, until a DR lead
 * accepts the measurements; then the measured plan is the basis, and the acceptance is in the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ClickedThroughDrillIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLATFORM = "contoso-clicked-through";
    static final String SUBSCRIPTION = "44444444-4444-4444-4444-444444444444";
    static final String DRILL = "dr-clicked";
    static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration CLICK = Duration.ofSeconds(40);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aClickedThroughDrillIsFlaggedAndKeepsTheEstimatesUntilADrLeadAcceptsIt() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(START);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap, List.of(Topics.DRILLS, Topics.DR_DECISIONS, Topics.FEASIBILITY, Topics.AUDIT), PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), clock.instant());
            broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "the catalog's feasibility",
                    w -> !feasibility(w).isEmpty());

            broker.drill(new DrillRequest(DRILL, PLATFORM, DrillAction.START, "newbie", START, "trying it out"));
            Decision invoke = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "invoke-dr (drill)",
                                    w -> !decisions(mine(w), DecisionKind.INVOKE_DR)
                                            .isEmpty())),
                            DecisionKind.INVOKE_DR)
                    .get(0);
            Instant at = START.plusSeconds(30);
            clock.set(at);
            broker.decide(invoke, DecisionState.APPROVED, "newbie", null, at);
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
            // Start, complete, next: 40 s each; the last one completed without any evidence.
            for (int i = 0; i < steps.size(); i++) {
                clock.set(at);
                broker.stepStarted(steps.get(i), "newbie", at);
                at = at.plus(CLICK);
                clock.set(at);
                broker.decide(steps.get(i), DecisionState.APPROVED, "newbie", i == 11 ? null : "ok", at);
            }
            Decision signoff = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "business sign-off (drill)",
                                    w -> !decisions(mine(w), DecisionKind.BUSINESS_SIGNOFF)
                                            .isEmpty())),
                            DecisionKind.BUSINESS_SIGNOFF)
                    .get(0);
            at = at.plusSeconds(20);
            clock.set(at);
            broker.decide(signoff, DecisionState.APPROVED, "newbie", null, at);
            Decision fallback = decisions(
                            mine(broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "fallback (drill)",
                                    w -> !decisions(mine(w), DecisionKind.FALLBACK)
                                            .isEmpty())),
                            DecisionKind.FALLBACK)
                    .get(0);
            Instant completed = at.plusSeconds(20);
            clock.set(completed);
            broker.decide(fallback, DecisionState.APPROVED, "newbie", null, completed);

            DrillReport report = last(reports(broker.await(
                    Topics.DRILLS,
                    WAIT,
                    "the completed drill",
                    w -> reports(w).stream().anyMatch(r -> r.state() == DrillState.COMPLETED))));
            assertEquals(DrillState.COMPLETED, report.state());
            assertEquals(12, report.steps().size());
            for (StepTiming s : report.steps()) {
                assertEquals(CLICK, s.actual(), s.step());
                assertTrue(s.expected().compareTo(Duration.ofMinutes(20)) >= 0, s.step());
                assertEquals(
                        s.runOrder() == 12
                                ? List.of(StepTiming.FAR_BELOW_ESTIMATE, StepTiming.NO_EVIDENCE)
                                : List.of(StepTiming.FAR_BELOW_ESTIMATE),
                        s.flags(),
                        s.step());
            }
            assertNull(report.acceptedBy());
            Duration measuredPlan = report.measuredPlanTotal();
            assertTrue(measuredPlan.compareTo(Duration.ofMinutes(10)) < 0, measuredPlan.toString());
            // The drill's sign-off is on its report.
            assertEquals("newbie", report.signedOffBy());
            assertEquals(completed.minusSeconds(20), report.signedOffAt());

            // Flagged: the basis stays on the estimates; the measured plan is shown beside them, with a finding.
            FeasibilityReport flagged = last(feasibility(broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "feasibility after the drill",
                    w -> feasibility(w).stream().anyMatch(f -> f.lastDrillAt() != null))));
            assertEquals(FeasibilityReport.BASIS_ESTIMATES, flagged.basis());
            assertEquals(List.of(), flagged.drillsUsed());
            assertEquals(Duration.ofMinutes(385), flagged.recoveryTotal());
            assertEquals(Duration.ofMinutes(385), flagged.estimatedTotal());
            assertEquals(measuredPlan, flagged.measuredTotal());
            assertEquals(DRILL, flagged.measuredIn());
            assertEquals(List.of(DRILL), flagged.awaitingAcceptance());
            assertEquals(completed, flagged.lastDrillAt());
            Finding finding = flagged.findings().stream()
                    .filter(f -> f.kind().equals(Finding.MEASUREMENT_FLAGGED))
                    .findFirst()
                    .orElseThrow();
            String flags = "step 1 far-below-estimate, step 2 far-below-estimate, step 3 far-below-estimate, step 4"
                    + " far-below-estimate, step 5 far-below-estimate, step 6 far-below-estimate, step 7 "
                    + "far-below-estimate, step 8 far-below-estimate, step 9 far-below-estimate, step 10 "
                    + "far-below-estimate, step 11 far-below-estimate, step 12 far-below-estimate no-evidence";
            assertTrue(
                    finding.summary()
                            .startsWith("The measurements of drill " + DRILL + " are not used: 12 of its 12"
                                    + " steps are flagged (" + flags + "); its measured plan of "),
                    finding.summary());
            assertTrue(
                    finding.summary()
                            .endsWith("waits for a DR lead's acceptance, the plan uses the catalog's estimates"),
                    finding.summary());

            // A DR lead accepts the measurements: recorded with who and when, and the basis uses them.
            Instant acceptedAt = completed.plus(Duration.ofMinutes(30));
            clock.set(acceptedAt);
            broker.drill(new DrillRequest(
                    DRILL,
                    PLATFORM,
                    DrillAction.ACCEPT,
                    "priya",
                    acceptedAt,
                    "confirmed with the team: the runbook was rehearsed on a copy"));
            FeasibilityReport accepted = last(feasibility(broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "feasibility accepted",
                    w -> feasibility(w).stream().anyMatch(f -> !f.drillsUsed().isEmpty()))));
            assertEquals(FeasibilityReport.BASIS_LATEST_DRILL, accepted.basis());
            assertEquals(List.of(DRILL), accepted.drillsUsed());
            assertEquals(measuredPlan, accepted.recoveryTotal());
            assertEquals(Duration.ofMinutes(385), accepted.estimatedTotal());
            assertEquals(measuredPlan, accepted.measuredTotal());
            assertEquals(List.of(), accepted.awaitingAcceptance());
            assertTrue(accepted.findings().stream().noneMatch(f -> f.kind().equals(Finding.MEASUREMENT_FLAGGED)));

            DrillReport acceptedReport = last(reports(broker.await(
                    Topics.DRILLS,
                    WAIT,
                    "the accepted drill",
                    w -> reports(w).stream().anyMatch(r -> r.acceptedBy() != null))));
            assertEquals("priya", acceptedReport.acceptedBy());
            assertEquals(acceptedAt, acceptedReport.acceptedAt());

            List<AuditRecord> acceptance = broker
                    .await(
                            Topics.AUDIT,
                            WAIT,
                            "the acceptance in the audit trail",
                            w -> w.stream()
                                    .anyMatch(a ->
                                            a.data(AuditRecord.class).action().equals("measurements-accepted")))
                    .stream()
                    .map(w -> w.data(AuditRecord.class))
                    .filter(a -> a.platformId().equals(PLATFORM) && a.action().equals("measurements-accepted"))
                    .toList();
            assertEquals(
                    List.of(new AuditRecord(
                            PLATFORM,
                            acceptedAt,
                            "priya",
                            "measurements-accepted",
                            DRILL,
                            "drill " + DRILL + ": 12 flagged step measurements accepted by priya at " + acceptedAt
                                    + " (" + flags
                                    + "); note: confirmed with the team: the runbook was rehearsed on a copy",
                            true)),
                    acceptance);
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

    static List<DrillReport> reports(List<BrokerClient.Written> written) {
        return written.stream()
                .filter(w -> DRILL.equals(w.key())
                        && EventTypes.DRILL.equals(w.event().type()))
                .map(w -> w.data(DrillReport.class))
                .toList();
    }
}
