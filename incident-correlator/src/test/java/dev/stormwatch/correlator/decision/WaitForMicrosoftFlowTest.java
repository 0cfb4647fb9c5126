package dev.stormwatch.correlator.decision;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.decision.FailoverFlowTest.COMPONENTS_IN_CATALOG_ORDER;
import static dev.stormwatch.correlator.decision.FailoverFlowTest.COMPONENTS_IN_DEPENDENCY_ORDER;
import static dev.stormwatch.correlator.decision.FailoverFlowTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.FixtureEvents;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Wait for Microsoft" is a decision too; the deadline arithmetic on the worked example of docs/dr-process.md and a
 * published incident; the pir-review that closes an incident.
 */
class WaitForMicrosoftFlowTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String INCIDENT = "inc-contoso-data-platform-stg-1-20261122-1000";

    @Test
    void declinedDrWaitsForMicrosoftThenValidatesAndHandsOverThenThePirReviewClosesTheIncident() {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.contoso());
            HealthEvent storage =
                    HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build();
            driver.health(storage);
            Decision invoke = driver.decisions().get(0);
            driver.drain();

            driver.advance(Duration.ofMinutes(20));
            driver.decide(invoke, DecisionState.DECLINED, "priya", "Microsoft ETA 2h; RTO allows waiting", null);
            assertEquals(
                    List.of(DecisionState.DECLINED),
                    driver.decisions().stream().map(Decision::state).toList());
            Incident waiting = last(driver.incidents());
            assertEquals(IncidentState.OPEN, waiting.state());
            assertTrue(
                    waiting.assessment().endsWith("DR declined: waiting for Microsoft to recover Australia East."),
                    waiting.assessment());
            assertEquals(
                    "invoke-dr declined by priya: Microsoft ETA 2h; RTO allows waiting",
                    last(waiting.timeline()).what());
            assertEquals(List.of(), driver.statuses(), "statuses stay as the outage left them");

            driver.advanceTo(Instant.parse("2026-11-22T12:00:00Z"));
            driver.health(HealthEvents.from(storage)
                    .resolved(Instant.parse("2026-11-22T11:58:00Z"))
                    .build());
            Decision validate = last(driver.decisions());
            assertEquals(DecisionKind.BUSINESS_SIGNOFF, validate.kind());
            assertEquals(
                    "Validate Contoso Data Platform in Australia East after Microsoft's recovery, then hand over",
                    validate.title());
            assertEquals(IncidentState.MITIGATED, last(driver.incidents()).state());
            assertEquals(
                    COMPONENTS_IN_CATALOG_ORDER.stream()
                            .map(c -> c + " recovering")
                            .toList(),
                    driver.statuses().stream()
                            .map(s -> s.componentId() + " " + s.state().wire())
                            .toList());
            assertEquals(List.of(), driver.handovers(), "validated first");

            driver.advance(Duration.ofMinutes(45));
            driver.approve(validate, "fiona", "bindings checked; datasets current to 2026-11-22T12:40:00Z");
            List<Handover> handovers = driver.handovers();
            assertEquals(
                    COMPONENTS_IN_DEPENDENCY_ORDER,
                    handovers.stream().map(Handover::componentId).toList());
            assertTrue(
                    handovers.stream()
                            .allMatch(h -> h.reason() == HandoverReason.PROVIDER_RESOLVED
                                    && h.region().equals("Australia East")
                                    && h.dataTimestamp().equals(Instant.parse("2026-11-22T12:40:00Z"))),
                    handovers.toString());
            assertEquals(
                    COMPONENTS_IN_CATALOG_ORDER.stream()
                            .map(c -> c + " operational")
                            .toList(),
                    driver.statuses().stream()
                            .map(s -> s.componentId() + " " + s.state().wire())
                            .toList());
            Incident resolved = last(driver.incidents());
            assertEquals(IncidentState.RESOLVED, resolved.state());
            assertEquals(Instant.parse("2026-11-22T11:58:00Z"), resolved.mitigatedAt());
            driver.drain();

            // Days later the provider publishes its PIR.
            driver.advance(Duration.ofDays(3));
            driver.health(HealthEvents.from(storage)
                    .stage(HealthStage.RCA)
                    .lastUpdate(driver.now())
                    .build());
            Decision pir = driver.decisions().get(0);
            assertEquals(DecisionKind.PIR_REVIEW, pir.kind());
            assertEquals(INCIDENT + "-pir-review-stg-1", pir.id());
            assertEquals(IncidentState.RESOLVED, last(driver.incidents()).state());

            driver.approve(pir, "raj", "follow-ups filed");
            Incident closed = last(driver.incidents());
            assertEquals(IncidentState.CLOSED, closed.state());
            assertEquals(driver.now(), closed.closedAt());
            assertEquals(
                    "State resolved → closed: the provider's PIR was reviewed",
                    last(closed.timeline()).what());
        }
    }

    @Test
    void whenTheProviderResolvesBeforeAnyDecisionTheInvokeDrIsCancelledAndThePlatformValidated() {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.contoso());
            HealthEvent storage =
                    HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build();
            driver.health(storage);
            driver.drain();
            driver.advance(Duration.ofMinutes(30));
            driver.health(HealthEvents.from(storage).resolved(driver.now()).build());
            List<Decision> decisions = driver.decisions();
            assertEquals(
                    List.of("invoke-dr cancelled", "business-signoff open"),
                    decisions.stream()
                            .map(d -> d.kind().wire() + " " + d.state().wire())
                            .toList());
            assertEquals(
                    "Microsoft resolved the primary region before a decision was taken",
                    decisions.get(0).reason());
            driver.advance(Duration.ofHours(2));
            assertEquals(List.of(), driver.decisions(), "a cancelled decision neither reminds nor expires");
        }
    }

    @Test
    void specExampleImpactAt10WithRto8hMustBeDecidedBy1440AndWithRto3hTheRtoIsAtRiskFromTheStart() {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            driver.health(HealthEvents.incident("S-1", "Storage", "westeurope", T0)
                    .subscription(null)
                    .build());
            Decision d = driver.decisions().get(0);
            assertEquals(Instant.parse("2026-11-22T14:40:00Z"), d.deadline());
            assertFalse(d.rtoAtRisk());
        }
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.specExample("warm-spare", "3h"));
            driver.health(HealthEvents.incident("S-1", "Storage", "westeurope", T0)
                    .subscription(null)
                    .build());
            Decision d = driver.decisions().get(0);
            assertEquals(Instant.parse("2026-11-22T09:40:00Z"), d.deadline(), "10:00 + 3h − 3h20m");
            assertTrue(d.rtoAtRisk());
            assertTrue(d.title().startsWith("RTO at risk: Invoke DR for SPEC example?"), d.title());
            driver.drain();
            driver.advance(Duration.ofHours(4));
            assertEquals(List.of(), driver.decisions(), "no reminder or expiry when at risk from the start");
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theRecommendationIsTheStrategys(Strategy strategy) {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.specExample(strategy.wire(), "8h"));
            driver.health(HealthEvents.incident("S-1", "Storage", "westeurope", T0)
                    .subscription(null)
                    .build());
            assertEquals(strategy.recommendation(), driver.decisions().get(0).recommendation());
        }
    }

    @Test
    void aPublishedIncidentReportedLateIsRtoAtRiskAtDetection() {
        // NA0F-BJG as published: impact from 21:41, reported 23:30, at level Warning — the level Azure publishes most
        // service incidents at. Re-pointed at Storage in Australia East: an outage of a priority-1 component there.
        HealthEvent na0f = FixtureEvents.activityLogRest("activity-log-rest/rest-servicehealth-incident-NA0F-BJG.json");
        assertEquals("warning", na0f.level());
        Instant reported = Instant.parse("2017-07-20T23:30:34.7431946Z");
        try (CorrelatorDriver driver = new CorrelatorDriver(reported)) {
            driver.catalog(Catalogs.contoso());
            driver.health(HealthEvents.from(na0f)
                    .impacted("Storage", PRIMARY)
                    .subscription(HealthEvents.CONTOSO_SUBSCRIPTION)
                    .build());
            assertEquals(
                    "adls-raw outage",
                    driver.statuses().stream()
                            .filter(s -> s.componentId().equals("adls-raw"))
                            .map(s -> s.componentId() + " " + s.state().wire())
                            .reduce((a, b) -> b)
                            .orElseThrow());
            List<Decision> raised = driver.decisions();
            assertEquals(1, raised.size(), "invoke-dr at the first Warning-level update");
            Decision d = raised.get(0);
            // 21:41 + 8h − 6h25m = 23:16, before the 23:30 report
            assertEquals(Instant.parse("2017-07-20T23:16:00Z"), d.deadline());
            assertTrue(d.rtoAtRisk());
            assertEquals(Strategy.WARM_SPARE.recommendation(), d.recommendation());
            Incident incident = last(driver.incidents());
            assertEquals("inc-contoso-data-platform-na0f-bjg-20170720-2141", incident.id());
            assertEquals("Network Infrastructure - UK South", incident.title());
            assertEquals(Instant.parse("2017-07-20T21:41:00Z"), incident.impactStart());
        }
    }

    @Test
    void anEarlierImpactStartArrivingLateMovesTheDeadlineEarlier() {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.contoso());
            driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
            assertEquals(
                    Instant.parse("2026-11-22T11:35:00Z"),
                    driver.decisions().get(0).deadline());
            driver.health(HealthEvents.incident("ADF-1", "Data Factory", PRIMARY, Instant.parse("2026-11-22T09:30:00Z"))
                    .lastUpdate(T0)
                    .build());
            Decision moved = driver.decisions().get(0);
            assertEquals(INCIDENT + "-invoke-dr", moved.id());
            assertEquals(2, moved.version());
            assertEquals(Instant.parse("2026-11-22T11:05:00Z"), moved.deadline());
            assertEquals(
                    Instant.parse("2026-11-22T09:30:00Z"),
                    last(driver.incidents()).impactStart());
        }
    }

    @Test
    void aSecondaryRegionIncidentWhileFailedOverHitsTheRunningPlatform() {
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            driver.catalog(Catalogs.contoso());
            driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
            driver.approve(driver.decisions().get(0), "priya", null);
            List<Decision> steps = driver.decisions().subList(1, 13);
            steps.forEach(s -> driver.approve(s, "tom", null));
            driver.approve(last(driver.decisions()), "fiona", null);
            driver.drain();

            driver.health(
                    HealthEvents.incident("STG-2", "Storage", HealthEvents.SECONDARY, T0.plus(Duration.ofHours(4)))
                            .build());
            Incident secondary = last(driver.incidents());
            assertEquals("inc-contoso-data-platform-stg-2-20261122-1400", secondary.id());
            assertFalse(secondary.readinessRisk());
            assertTrue(
                    secondary
                            .assessment()
                            .contains("The platform runs in Australia Southeast since the failover: this"
                                    + " hits the running platform."),
                    secondary.assessment());
            List<ComponentStatus> statuses = driver.statuses();
            ComponentStatus raw = statuses.stream()
                    .filter(s -> s.componentId().equals("adls-raw"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(ComponentState.OUTAGE, raw.state());
            assertNotNull(raw.regions().get(HealthEvents.SECONDARY));
        }
    }
}
