package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.decisions;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.latest;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.latestIncidents;
import static dev.stormwatch.correlator.RegionalOutageScenarioIT.latestStatuses;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A multi-service regional outage replayed as Azure publishes it, on the real broker: one tracking id at level Warning
 * naming SQL Database, Storage and Key Vault in the primary region; later updates that name one service each, revise
 * the impact start twice (01:59 → 01:57 → 01:30, as in an East US 2 post-incident review) and resolve the services
 * hours apart, SQL Database last, 11.5 h after the impact began. The DR lead is asked at the first Warning, the
 * deadline follows each revision, every service's components stay impacted until their own resolution, and the fallback
 * is offered only when the last one is resolved.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class MultiServiceOutageReplayIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLATFORM = "contoso-replay";
    static final String SUBSCRIPTION = "33333333-3333-3333-3333-333333333333";
    static final String TRACKING = "MULTI-2";
    static final String INCIDENT = "inc-contoso-replay-multi-2-20261122-0159";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static HealthEvent update(Instant impactStart, Instant lastUpdate, HealthStage stage, String... services) {
        List<ImpactedService> pairs = Arrays.stream(services)
                .map(s -> new ImpactedService(s, "Australia East"))
                .toList();
        HealthEvents e = HealthEvents.incident(TRACKING, services[0], PRIMARY, impactStart)
                .impacted(pairs)
                .level("Warning")
                .title("Multiple services - Australia East")
                .summary(stage.wire() + " " + String.join(", ", services))
                .subscription(SUBSCRIPTION)
                .stage(stage)
                .lastUpdate(lastUpdate);
        return (stage == HealthStage.RESOLVED ? e.mitigated(lastUpdate) : e).build();
    }

    @Test
    void aWarningLevelMultiServiceOutageAsksTheDrLeadFollowsRevisionsAndFallsBackOnlyAfterTheLastService() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(Instant.parse("2026-11-22T02:20:00Z"));
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap,
                List.of(Topics.INCIDENTS, Topics.DR_DECISIONS, Topics.COMPONENT_STATUS, Topics.FEASIBILITY),
                PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), clock.instant());
            broker.await(Topics.FEASIBILITY, WAIT, "the catalog's feasibility report", w -> !w.isEmpty());

            // 02:20 the first communication, at level Warning: impact since 01:59.
            broker.health(
                    "multi-2-u1",
                    update(
                            Instant.parse("2026-11-22T01:59:00Z"),
                            clock.instant(),
                            HealthStage.ACTIVE,
                            "SQL Database",
                            "Storage",
                            "Key Vault"),
                    clock.instant());
            Decision invoke = decisions(
                            broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "invoke-dr at the first Warning",
                                    w -> !decisions(w, DecisionKind.INVOKE_DR).isEmpty()),
                            DecisionKind.INVOKE_DR)
                    .get(0);
            assertEquals(INCIDENT + "-invoke-dr", invoke.id());
            assertEquals(Instant.parse("2026-11-22T03:34:00Z"), invoke.deadline(), "01:59 + 8h − 6h25m");
            assertFalse(invoke.rtoAtRisk());
            assertEquals(Strategy.WARM_SPARE.recommendation(), invoke.recommendation());
            Map<String, ComponentStatus> down = latestStatuses(broker.await(
                    Topics.COMPONENT_STATUS,
                    WAIT,
                    "outages",
                    w -> latestStatuses(w).get("source-systems") != null
                            && latestStatuses(w).get("source-systems").state() == ComponentState.OUTAGE));
            for (String id : List.of("key-vault", "source-systems", "adls-raw", "adls-enriched", "adls-curated")) {
                assertEquals(ComponentState.OUTAGE, down.get(id).state(), id);
            }

            // 02:40 a Storage update revises the start to 01:57; 03:00 a Key Vault update revises it to 01:30.
            clock.set(Instant.parse("2026-11-22T02:40:00Z"));
            broker.health(
                    "multi-2-u2",
                    update(Instant.parse("2026-11-22T01:57:00Z"), clock.instant(), HealthStage.ACTIVE, "Storage"),
                    clock.instant());
            Decision moved = latest(
                    broker.await(
                            Topics.DR_DECISIONS,
                            WAIT,
                            "deadline 03:32",
                            w -> latest(w, invoke.id()).deadline().equals(Instant.parse("2026-11-22T03:32:00Z"))),
                    invoke.id());
            assertFalse(moved.rtoAtRisk());
            clock.set(Instant.parse("2026-11-22T03:00:00Z"));
            broker.health(
                    "multi-2-u3",
                    update(Instant.parse("2026-11-22T01:30:00Z"), clock.instant(), HealthStage.ACTIVE, "Key Vault"),
                    clock.instant());
            Decision deadline = latest(
                    broker.await(
                            Topics.DR_DECISIONS,
                            WAIT,
                            "deadline 03:05",
                            w -> latest(w, invoke.id()).deadline().equals(Instant.parse("2026-11-22T03:05:00Z"))),
                    invoke.id());
            Incident revised = latestIncidents(broker.await(
                            Topics.INCIDENTS,
                            WAIT,
                            "impact start 01:30",
                            w -> Instant.parse("2026-11-22T01:30:00Z")
                                    .equals(latestIncidents(w).get(INCIDENT).impactStart())))
                    .get(INCIDENT);
            assertTrue(
                    revised.timeline().stream()
                            .anyMatch(t -> t.what()
                                    .equals("invoke-dr deadline moved from"
                                            + " 2026-11-22T03:32:00Z to 2026-11-22T03:05:00Z: the provider revised "
                                            + "the impact start from 2026-11-22T01:57:00Z to 2026-11-22T01:30:00Z")),
                    revised.timeline().toString());

            // 03:02 the DR lead fails over.
            clock.set(Instant.parse("2026-11-22T03:02:00Z"));
            broker.decide(deadline, DecisionState.APPROVED, "priya", "bridge call 03:01", clock.instant());
            broker.await(
                    Topics.DR_DECISIONS,
                    WAIT,
                    "recovery steps",
                    w -> decisions(w, DecisionKind.RECOVERY_STEP).size() == 12);

            // 04:00 Key Vault and 05:00 Storage are resolved; SQL Database is still down in the primary region.
            clock.set(Instant.parse("2026-11-22T04:00:00Z"));
            broker.health(
                    "multi-2-u4",
                    update(Instant.parse("2026-11-22T01:30:00Z"), clock.instant(), HealthStage.RESOLVED, "Key Vault"),
                    clock.instant());
            clock.set(Instant.parse("2026-11-22T05:00:00Z"));
            broker.health(
                    "multi-2-u5",
                    update(Instant.parse("2026-11-22T01:30:00Z"), clock.instant(), HealthStage.RESOLVED, "Storage"),
                    clock.instant());
            Map<String, ComponentStatus> partial = latestStatuses(broker.await(
                    Topics.COMPONENT_STATUS,
                    WAIT,
                    "Storage back in the primary",
                    w -> latestStatuses(w).get("adls-raw").regions().get(PRIMARY) == ComponentState.OPERATIONAL));
            assertEquals(
                    ComponentState.OPERATIONAL,
                    partial.get("key-vault").regions().get(PRIMARY));
            assertEquals(
                    ComponentState.OUTAGE,
                    partial.get("source-systems").regions().get(PRIMARY),
                    "SQL Database stays down until its own resolution");
            assertTrue(
                    decisions(broker.written(Topics.DR_DECISIONS), DecisionKind.FALLBACK)
                            .isEmpty(),
                    "no fallback while SQL Database is down");
            assertEquals(
                    IncidentState.OPEN,
                    latestIncidents(broker.written(Topics.INCIDENTS))
                            .get(INCIDENT)
                            .state());

            // 13:00 SQL Database is resolved, 11.5 h after the impact began: now the fallback is offered.
            clock.set(Instant.parse("2026-11-22T13:00:00Z"));
            broker.health(
                    "multi-2-u6",
                    update(
                            Instant.parse("2026-11-22T01:30:00Z"),
                            clock.instant(),
                            HealthStage.RESOLVED,
                            "SQL Database"),
                    clock.instant());
            Decision fallback = decisions(
                            broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "fallback",
                                    w -> !decisions(w, DecisionKind.FALLBACK).isEmpty()),
                            DecisionKind.FALLBACK)
                    .get(0);
            assertEquals(INCIDENT + "-fallback", fallback.id());
            assertEquals(Instant.parse("2026-11-22T13:00:00Z"), fallback.raisedAt());
            Incident mitigated = latestIncidents(broker.await(
                            Topics.INCIDENTS,
                            WAIT,
                            "incident mitigated",
                            w -> latestIncidents(w).get(INCIDENT).state() == IncidentState.MITIGATED))
                    .get(INCIDENT);
            assertEquals(Instant.parse("2026-11-22T13:00:00Z"), mitigated.mitigatedAt());
            assertTrue(
                    latestIncidents(broker.written(Topics.INCIDENTS)).values().stream()
                            .allMatch(i -> i.id().equals(INCIDENT)),
                    "one incident for the one tracking id");
        }
    }
}
