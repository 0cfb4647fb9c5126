package dev.stormwatch.correlator.decision;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.FailoverOrder;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "fail over" flow on the example platform (warm spare, RTO 8 h, plan 6 h 25 min): invoke-dr with its deadline and
 * reminders, recovery steps in run order, business sign-off, handovers in dependency order, and the fallback once the
 * provider resolves.
 */
class FailoverFlowTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String INCIDENT = "inc-contoso-data-platform-stg-1-20261122-1000";

    /** The recovery plan's run order: foundation first, then the workflow left to right (12 steps, 11 components). */
    static final List<String> RUN_ORDER = FailoverOrder.STEPS;

    static final List<String> COMPONENTS_IN_DEPENDENCY_ORDER = FailoverOrder.COMPONENTS;

    /** Statuses are written in the catalog's order. */
    static final List<String> COMPONENTS_IN_CATALOG_ORDER = List.of(
            "key-vault",
            "shared-services",
            "source-systems",
            "data-factory",
            "adls-raw",
            "adls-enriched",
            "adls-curated",
            "databricks",
            "synapse",
            "analysis-services",
            "power-bi");

    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        // RocksDB stores, as the service runs by default (the other TopologyTestDriver tests use in-memory stores).
        driver = CorrelatorDriver.persistent(T0);
        driver.catalog(Catalogs.contoso());
        driver.drain();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void outageOfAPriorityComponentInThePrimaryRaisesInvokeDrWithTheRtoDeadlineAndTheStrategysRecommendation() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());

        List<Decision> decisions = driver.decisions();
        assertEquals(1, decisions.size());
        Decision d = decisions.get(0);
        assertEquals(INCIDENT + "-invoke-dr", d.id());
        assertEquals(DecisionKind.INVOKE_DR, d.kind());
        assertEquals(DecisionState.OPEN, d.state());
        // 10:00 + RTO 8h − plan 6h25m (critical path with contingency)
        assertEquals(Instant.parse("2026-11-22T11:35:00Z"), d.deadline());
        assertFalse(d.rtoAtRisk());
        assertEquals(Strategy.WARM_SPARE.recommendation(), d.recommendation());
        assertEquals(
                List.of(
                        "approve: fail over to Australia Southeast; the recovery plan takes 6h25m (critical path"
                                + " key-vault → adls-raw → adls-enriched → adls-curated → databricks → synapse → "
                                + "analysis-services → power-bi) against an RTO of 8h",
                        "decline: wait for Microsoft to recover Australia East; the platform is validated and handed "
                                + "over when the provider resolves"),
                d.options());
        assertEquals(T0, d.raisedAt());
        assertEquals(1, d.version());
    }

    @Test
    void remindersGoOutAtHalfTimeAndFifteenMinutesBeforeThenTheDecisionExpiresAndIsRaisedAgainAsRtoAtRisk() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.drain();

        driver.advance(Duration.ofMinutes(47));
        assertEquals(List.of(), driver.decisions(), "no reminder before half of the 95 minutes");
        driver.advance(Duration.ofSeconds(30));
        assertEquals(
                List.of(reminder(1, 2)),
                driver.decisions().stream().map(FailoverFlowTest::reminderOf).toList());

        driver.advanceTo(Instant.parse("2026-11-22T11:19:59Z"));
        assertEquals(List.of(), driver.decisions());
        driver.advance(Duration.ofSeconds(1));
        assertEquals(
                List.of(reminder(2, 3)),
                driver.decisions().stream().map(FailoverFlowTest::reminderOf).toList());

        driver.advanceTo(Instant.parse("2026-11-22T11:35:00Z"));
        List<Decision> after = driver.decisions();
        assertEquals(2, after.size());
        Decision expired = after.get(0);
        assertEquals(INCIDENT + "-invoke-dr", expired.id());
        assertEquals(DecisionState.EXPIRED, expired.state());
        assertEquals(4, expired.version());
        assertEquals(Instant.parse("2026-11-22T11:35:00Z"), expired.decidedAt());
        Decision again = after.get(1);
        assertEquals(INCIDENT + "-invoke-dr-2", again.id());
        assertEquals(DecisionState.OPEN, again.state());
        assertTrue(again.rtoAtRisk());
        assertTrue(again.title().startsWith("RTO at risk: "), again.title());
        // The deadline left is the RTO itself: impact start + 8h.
        assertEquals(Instant.parse("2026-11-22T18:00:00Z"), again.deadline());

        List<String> audit = driver.audit().stream()
                .map(a -> a.action() + " " + a.subjectId())
                .toList();
        assertEquals(
                List.of(
                        "decision-reminder " + INCIDENT + "-invoke-dr",
                        "decision-reminder " + INCIDENT + "-invoke-dr",
                        "decision-expired-escalated " + INCIDENT + "-invoke-dr",
                        "decision-raised " + INCIDENT + "-invoke-dr-2"),
                audit);

        driver.advance(Duration.ofHours(7));
        assertEquals(
                List.of(), driver.decisions(), "a decision raised with the RTO at risk has no reminders or expiry");
    }

    @Test
    void approvedDrRaisesTheRecoveryStepsInRunOrderThenSignoffThenHandoversThenFallbackWhenTheProviderResolves() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        Decision invoke = driver.decisions().get(0);
        driver.drain();

        driver.advanceTo(Instant.parse("2026-11-22T10:30:00Z"));
        driver.approve(invoke, "priya", "war room call 10:28");

        List<Decision> raised = driver.decisions();
        assertEquals(13, raised.size());
        Decision approved = raised.get(0);
        assertEquals(DecisionState.APPROVED, approved.state());
        assertEquals("priya", approved.decidedBy());
        assertEquals("war room call 10:28", approved.evidence());
        List<Decision> steps = raised.subList(1, 13);
        assertEquals(
                RUN_ORDER,
                steps.stream()
                        .map(s -> s.step().componentId() + ": " + s.step().step())
                        .toList());
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                steps.stream().map(s -> s.step().runOrder()).toList());
        // Each step is expected done by DR approval (10:30) + its planned finish in the plan.
        assertEquals(
                List.of(
                        "11:00", "11:10", "11:00", "12:30", "11:55", "13:00", "13:30", "14:30", "14:00", "15:50",
                        "16:35", "16:55"),
                steps.stream()
                        .map(s -> s.deadline().toString().substring(11, 16))
                        .toList());
        assertEquals(INCIDENT + "-recovery-step-04", steps.get(3).id());
        assertEquals("after Key Vault recovered", steps.get(3).step().prerequisite());
        assertEquals(
                "runs in parallel with \"Deploy the workspace and clusters from IaC\"; after ADLS curated zone,"
                        + " Key Vault recovered",
                steps.get(8).step().prerequisite());
        assertEquals(Duration.ofMinutes(60), steps.get(3).step().expected());
        assertEquals(Duration.ofMinutes(30), steps.get(3).step().contingency());
        assertEquals("raj", steps.get(3).step().escalation());
        assertEquals(
                COMPONENTS_IN_CATALOG_ORDER.stream().map(c -> c + " recovering").toList(),
                driver.statuses().stream()
                        .map(s -> s.componentId() + " " + s.state().wire())
                        .toList());

        for (Decision step : steps) {
            driver.advance(Duration.ofMinutes(10));
            String evidence = step.step().componentId().equals("adls-raw")
                    ? "newest raw file last modified 2026-11-22T09:55:00Z"
                    : "screenshot attached";
            driver.approve(step, "tom", evidence);
        }
        List<Decision> afterSteps = driver.decisions();
        assertEquals(13, afterSteps.size(), "12 approved step snapshots and the sign-off");
        Decision signoff = afterSteps.get(12);
        assertEquals(DecisionKind.BUSINESS_SIGNOFF, signoff.kind());
        assertEquals(INCIDENT + "-business-signoff", signoff.id());
        assertEquals(Instant.parse("2026-11-22T12:30:00Z"), signoff.raisedAt());
        assertEquals(List.of(), driver.handovers(), "no handover before the business sign-off");

        driver.advance(Duration.ofMinutes(20));
        driver.approve(signoff, "fiona", "finance dashboard checked");

        List<Handover> handovers = driver.handovers();
        assertEquals(
                COMPONENTS_IN_DEPENDENCY_ORDER,
                handovers.stream().map(Handover::componentId).toList());
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                handovers.stream().map(Handover::order).toList());
        assertTrue(handovers.stream()
                .allMatch(h -> h.reason() == HandoverReason.FAILED_OVER
                        && h.region().equals("Australia Southeast")
                        && h.at().equals(Instant.parse("2026-11-22T12:50:00Z"))));
        Map<String, Handover> byComponent = new java.util.HashMap<>();
        handovers.forEach(h -> byComponent.put(h.componentId(), h));
        // The raw zone's step recorded its data timestamp; the others are as current as the RPO promises (10:00 − 4h).
        assertEquals(
                Instant.parse("2026-11-22T09:55:00Z"),
                byComponent.get("adls-raw").dataTimestamp());
        assertEquals(
                Instant.parse("2026-11-22T06:00:00Z"),
                byComponent.get("synapse").dataTimestamp());
        assertEquals(List.of("finance-reporting"), byComponent.get("synapse").consumers());
        assertEquals(
                List.of("ml-platform", "partner-extracts"),
                byComponent.get("adls-curated").consumers());
        assertEquals(List.of(), byComponent.get("key-vault").consumers());
        assertEquals(
                COMPONENTS_IN_CATALOG_ORDER.stream()
                        .map(c -> c + " failed-over")
                        .toList(),
                driver.statuses().stream()
                        .map(s -> s.componentId() + " " + s.state().wire())
                        .toList());
        driver.drain();

        // The provider resolves six hours after the impact started.
        driver.advanceTo(Instant.parse("2026-11-22T16:00:00Z"));
        driver.drain();
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0)
                .resolved(Instant.parse("2026-11-22T16:00:00Z"))
                .build());
        List<Decision> fallback = driver.decisions();
        assertEquals(1, fallback.size());
        assertEquals(DecisionKind.FALLBACK, fallback.get(0).kind());
        assertEquals(INCIDENT + "-fallback", fallback.get(0).id());
        Incident mitigated = last(driver.incidents());
        assertEquals(IncidentState.MITIGATED, mitigated.state());
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), mitigated.mitigatedAt());
        // Still failed over until the fallback is done; the grid shows the primary region operational again.
        List<ComponentStatus> primaryBack = driver.statuses();
        assertEquals(
                List.of(
                        "adls-raw",
                        "adls-enriched",
                        "adls-curated",
                        "databricks",
                        "synapse",
                        "analysis-services",
                        "power-bi"),
                primaryBack.stream().map(ComponentStatus::componentId).toList());
        assertTrue(
                primaryBack.stream()
                        .allMatch(s -> s.state() == ComponentState.FAILED_OVER
                                && s.regions().get(PRIMARY) == ComponentState.OPERATIONAL
                                && s.causes().isEmpty()),
                primaryBack.toString());

        driver.advance(Duration.ofHours(20));
        driver.approve(fallback.get(0), "priya", "parallel run clean; primary current to 2026-11-23T11:30:00Z");
        List<Handover> back = driver.handovers();
        assertEquals(
                COMPONENTS_IN_DEPENDENCY_ORDER,
                back.stream().map(Handover::componentId).toList());
        assertTrue(back.stream()
                .allMatch(h -> h.reason() == HandoverReason.FALLBACK_COMPLETE
                        && h.region().equals("Australia East")
                        && h.dataTimestamp().equals(Instant.parse("2026-11-23T11:30:00Z"))));
        assertEquals(
                COMPONENTS_IN_CATALOG_ORDER.stream()
                        .map(c -> c + " operational")
                        .toList(),
                driver.statuses().stream()
                        .map(s -> s.componentId() + " " + s.state().wire())
                        .toList());
        Incident resolved = last(driver.incidents());
        assertEquals(IncidentState.RESOLVED, resolved.state());
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), resolved.resolvedAt());
        List<String> actions = driver.audit().stream().map(AuditRecord::action).toList();
        assertTrue(actions.contains("handover"), actions.toString());
    }

    @Test
    void aFailedStepIsPutForwardAgainWithItsFailureProcessAndTheSignoffWaitsForIt() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.approve(driver.decisions().get(0), "priya", null);
        List<Decision> steps = driver.decisions().subList(1, 13);
        driver.drain();

        driver.decide(steps.get(3), DecisionState.DECLINED, "tom", "GRS failover rejected: account locked", null);
        List<Decision> out = driver.decisions();
        assertEquals(2, out.size());
        assertEquals(DecisionState.DECLINED, out.get(0).state());
        Decision again = out.get(1);
        assertEquals(INCIDENT + "-recovery-step-04-2", again.id());
        assertEquals(4, again.step().runOrder());
        assertEquals(
                "Attempt 2 after the step failed (GRS failover rejected: account locked). Follow the failure process:"
                        + " Rebuild raw from the source systems' extracts; escalate to raj.",
                again.recommendation());

        for (Decision step : steps) {
            if (step.step().runOrder() != 4) {
                driver.approve(step, "tom", null);
            }
        }
        assertTrue(
                driver.decisions().stream().noneMatch(d -> d.kind() == DecisionKind.BUSINESS_SIGNOFF),
                "step 4 is not done yet");
        driver.approve(again, "tom", null);
        List<Decision> last = driver.decisions();
        assertEquals(DecisionKind.BUSINESS_SIGNOFF, last.get(last.size() - 1).kind());
    }

    @Test
    void aDecisionTakenTwiceOrOnAnUnknownIdChangesNothingAndIsRecordedAsIgnored() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        Decision invoke = driver.decisions().get(0);
        driver.approve(invoke, "priya", null);
        driver.drain();

        driver.decide(invoke, DecisionState.DECLINED, "tom", "too late", null);
        assertEquals(List.of(), driver.decisions());
        assertEquals(List.of(), driver.incidents());
        List<AuditRecord> audit = driver.audit();
        assertEquals(1, audit.size());
        assertEquals("decision-taken-ignored", audit.get(0).action());
        assertEquals(
                "declined by tom ignored: already approved by priya at " + T0,
                audit.get(0).detail());
    }

    @Test
    void aTimerTickAfterTheStepsExpectedFinishEscalatesItOnce() {
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.approve(driver.decisions().get(0), "priya", null);
        driver.drain();

        driver.advance(Duration.ofMinutes(30));
        List<AuditRecord> overdue = driver.audit();
        assertEquals(
                List.of(
                        "recovery-step-overdue " + INCIDENT + "-recovery-step-01",
                        "recovery-step-overdue " + INCIDENT + "-recovery-step-03"),
                overdue.stream().map(a -> a.action() + " " + a.subjectId()).toList());
        assertEquals(
                "step 1 (Recover Key Vault secrets and access policies in the secondary region) was expected done by"
                        + " 2026-11-22T10:30:00Z; escalate to shared-services-ops",
                overdue.get(0).detail());
        driver.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), driver.audit(), "escalated once");
    }

    private static String reminder(int sent, long version) {
        return "open reminders=" + sent + " v" + version;
    }

    private static String reminderOf(Decision d) {
        return d.state().wire() + " reminders=" + d.remindersSent() + " v" + d.version();
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static List<ComponentState> states(List<ComponentStatus> statuses) {
        return statuses.stream().map(ComponentStatus::state).toList();
    }
}
