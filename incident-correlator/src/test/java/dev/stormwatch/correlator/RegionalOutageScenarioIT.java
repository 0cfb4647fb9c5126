package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.HealthEvents.SECONDARY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The correlator service as it runs (Quarkus, Kafka Streams with exactly-once) on the real broker: the example
 * platform's primary region loses Storage and Data Factory, a secondary-region advisory arrives, DR is invoked and run,
 * and the provider resolves six hours after the impact began. Decisions are taken by writing decision-taken records as
 * status-api does. Time is the service's clock, which the test moves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RegionalOutageScenarioIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String INCIDENT = "inc-contoso-data-platform-stg-1-20261122-1000";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void primaryRegionOutageWithASecondaryAdvisoryFailsOverAndFallsBackWhenTheProviderResolvesSixHoursLater() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(T0);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap,
                List.of(
                        Topics.INCIDENTS,
                        Topics.DR_DECISIONS,
                        Topics.HANDOVERS,
                        Topics.COMPONENT_STATUS,
                        Topics.FEASIBILITY,
                        Topics.AUDIT),
                Catalogs.CONTOSO)) {
            broker.catalog(Catalogs.contoso(), clock.instant());
            FeasibilityReport feasibility = broker.await(
                            Topics.FEASIBILITY, WAIT, "the catalog's feasibility report", w -> !w.isEmpty())
                    .get(0)
                    .data(FeasibilityReport.class);
            assertEquals(Duration.ofMinutes(385), feasibility.recoveryTotal());

            // 10:00 the primary region loses Storage, then Data Factory.
            HealthEvent storage =
                    HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build();
            HealthEvent factory = HealthEvents.incident("ADF-1", "Data Factory", PRIMARY, T0.plusSeconds(120))
                    .build();
            broker.health("he-stg-1-a", storage, clock.instant());
            broker.await(
                    Topics.DR_DECISIONS,
                    WAIT,
                    "invoke-dr",
                    w -> !decisions(w, DecisionKind.INVOKE_DR).isEmpty());
            broker.health("he-adf-1-a", factory, clock.instant());
            // A secondary-region advisory: the DR target has a problem of its own.
            HealthEvent advisory = HealthEvents.incident("ADV-1", "Storage", SECONDARY, T0.plusSeconds(300))
                    .kind(HealthEventKind.HEALTH_ADVISORY)
                    .level("informational")
                    .build();
            broker.health("he-adv-1-a", advisory, clock.instant());

            Map<String, Incident> incidents = latestIncidents(broker.await(
                    Topics.INCIDENTS,
                    WAIT,
                    "two incidents",
                    w -> latestIncidents(w).size() == 2
                            && latestIncidents(w).get(INCIDENT).trackingIds().size() == 2));
            Incident outage = incidents.get(INCIDENT);
            assertEquals(List.of("STG-1", "ADF-1"), outage.trackingIds());
            assertEquals(List.of("data-factory", "adls-raw", "adls-enriched", "adls-curated"), outage.components());
            assertTrue(outage.primaryRegionHit());
            Incident readiness = incidents.get("inc-contoso-data-platform-adv-1-20261122-1005");
            assertTrue(readiness.readinessRisk());
            assertEquals(List.of(SECONDARY), readiness.regions());
            assertTrue(readiness.assessment().contains("DR readiness risk"), readiness.assessment());

            Decision invoke = decisions(broker.written(Topics.DR_DECISIONS), DecisionKind.INVOKE_DR)
                    .get(0);
            assertEquals(INCIDENT + "-invoke-dr", invoke.id());
            assertEquals(Instant.parse("2026-11-22T11:35:00Z"), invoke.deadline(), "10:00 + RTO 8h − plan 6h25m");
            assertEquals(Strategy.WARM_SPARE.recommendation(), invoke.recommendation());
            assertFalse(invoke.rtoAtRisk());

            // Reminders at half-time (10:47:30) and 15 minutes before the deadline (11:20).
            clock.set(Instant.parse("2026-11-22T10:47:30Z"));
            broker.await(
                    Topics.DR_DECISIONS,
                    WAIT,
                    "first reminder",
                    w -> latest(w, invoke.id()).remindersSent() == 1);
            clock.set(Instant.parse("2026-11-22T11:20:00Z"));
            Decision reminded = latest(
                    broker.await(
                            Topics.DR_DECISIONS,
                            WAIT,
                            "second reminder",
                            w -> latest(w, invoke.id()).remindersSent() == 2),
                    invoke.id());
            assertEquals(DecisionState.OPEN, reminded.state());

            // 11:25 the DR lead approves: fail over.
            clock.set(Instant.parse("2026-11-22T11:25:00Z"));
            broker.decide(reminded, DecisionState.APPROVED, "priya", "bridge call 11:24", clock.instant());
            List<Decision> steps = decisions(
                    broker.await(
                            Topics.DR_DECISIONS,
                            WAIT,
                            "twelve recovery steps",
                            w -> decisions(w, DecisionKind.RECOVERY_STEP).size() == 12),
                    DecisionKind.RECOVERY_STEP);
            steps = steps.stream()
                    .sorted(Comparator.comparing(d -> d.step().runOrder()))
                    .toList();
            assertEquals(
                    FailoverOrder.STEPS,
                    steps.stream()
                            .map(s -> s.step().componentId() + ": " + s.step().step())
                            .toList());
            assertEquals(
                    DecisionState.APPROVED,
                    latest(broker.written(Topics.DR_DECISIONS), invoke.id()).state());

            // The runbook is done by 15:00 (faster than its contingency allows for), signed off at 15:40.
            clock.set(Instant.parse("2026-11-22T15:00:00Z"));
            for (Decision step : steps) {
                broker.decide(
                        step,
                        DecisionState.APPROVED,
                        "tom",
                        step.step().componentId().equals("adls-raw")
                                ? "newest raw file 2026-11-22T09:55:00Z"
                                : "validated",
                        clock.instant());
            }
            Decision signoff = decisions(
                            broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "business sign-off",
                                    w -> !decisions(w, DecisionKind.BUSINESS_SIGNOFF)
                                            .isEmpty()),
                            DecisionKind.BUSINESS_SIGNOFF)
                    .get(0);
            clock.set(Instant.parse("2026-11-22T15:40:00Z"));
            broker.decide(signoff, DecisionState.APPROVED, "fiona", "finance dashboard checked", clock.instant());

            List<Handover> failedOver = handovers(
                    broker.await(
                            Topics.HANDOVERS,
                            WAIT,
                            "failed-over handovers",
                            w -> handovers(w, HandoverReason.FAILED_OVER).size() == 11),
                    HandoverReason.FAILED_OVER);
            assertEquals(
                    FailoverOrder.COMPONENTS,
                    failedOver.stream().map(Handover::componentId).toList());
            assertTrue(failedOver.stream().allMatch(h -> h.region().equals("Australia Southeast")));
            assertEquals(
                    Instant.parse("2026-11-22T09:55:00Z"), failedOver.get(3).dataTimestamp(), "adls-raw's evidence");
            broker.await(
                    Topics.COMPONENT_STATUS,
                    WAIT,
                    "every component failed over",
                    w -> latestStatuses(w).values().stream().allMatch(s -> s.state() == ComponentState.FAILED_OVER));

            // The provider resolves at 16:00, six hours after the impact started; the update arrives at 16:05.
            Instant resolved = T0.plus(Duration.ofHours(6));
            clock.set(resolved.plus(Duration.ofMinutes(5)));
            broker.health(
                    "he-stg-1-b", HealthEvents.from(storage).resolved(resolved).build(), clock.instant());
            broker.health(
                    "he-adf-1-b", HealthEvents.from(factory).resolved(resolved).build(), clock.instant());
            Decision fallback = decisions(
                            broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "fallback decision",
                                    w -> !decisions(w, DecisionKind.FALLBACK).isEmpty()),
                            DecisionKind.FALLBACK)
                    .get(0);
            assertEquals(INCIDENT + "-fallback", fallback.id());
            Incident mitigated = latestIncidents(broker.await(
                            Topics.INCIDENTS,
                            WAIT,
                            "incident mitigated",
                            w -> latestIncidents(w).get(INCIDENT).state() == IncidentState.MITIGATED))
                    .get(INCIDENT);
            assertEquals(resolved, mitigated.mitigatedAt());

            clock.set(Instant.parse("2026-11-23T09:00:00Z"));
            broker.decide(
                    fallback,
                    DecisionState.APPROVED,
                    "priya",
                    "parallel run clean; primary current to" + " 2026-11-23T08:30:00Z",
                    clock.instant());
            List<Handover> back = handovers(
                    broker.await(
                            Topics.HANDOVERS,
                            WAIT,
                            "fallback handovers",
                            w -> handovers(w, HandoverReason.FALLBACK_COMPLETE).size() == 11),
                    HandoverReason.FALLBACK_COMPLETE);
            assertEquals(
                    FailoverOrder.COMPONENTS,
                    back.stream().map(Handover::componentId).toList());
            assertTrue(back.stream()
                    .allMatch(h -> h.region().equals("Australia East")
                            && h.dataTimestamp().equals(Instant.parse("2026-11-23T08:30:00Z"))));
            Incident done = latestIncidents(broker.await(
                            Topics.INCIDENTS,
                            WAIT,
                            "incident resolved",
                            w -> latestIncidents(w).get(INCIDENT).state() == IncidentState.RESOLVED))
                    .get(INCIDENT);
            assertEquals(Instant.parse("2026-11-23T09:00:00Z"), done.resolvedAt());
            broker.await(
                    Topics.COMPONENT_STATUS,
                    WAIT,
                    "every component operational in the primary again",
                    w -> latestStatuses(w).size() == 11
                            && latestStatuses(w).values().stream()
                                    .allMatch(s -> s.state() == ComponentState.OPERATIONAL));
            // The advisory is still active: its incident stays open, a readiness risk again now the platform is back.
            assertEquals(
                    IncidentState.OPEN,
                    latestIncidents(broker.written(Topics.INCIDENTS))
                            .get("inc-contoso-data-platform-adv-1-20261122-1005")
                            .state());
        }
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream"));
    }

    static List<Decision> decisions(List<BrokerClient.Written> written, DecisionKind kind) {
        Map<String, Decision> latest = new LinkedHashMap<>();
        // The correlator's snapshots only: dr-decisions.v1 also carries what status-api writes (taken, step started).
        written.stream()
                .filter(w -> EventTypes.DECISION.equals(w.event().type()))
                .forEach(w -> {
                    Decision d = w.data(Decision.class);
                    latest.put(d.id(), d);
                });
        return latest.values().stream().filter(d -> d.kind() == kind).toList();
    }

    static Decision latest(List<BrokerClient.Written> written, String id) {
        Decision found = null;
        for (BrokerClient.Written w : written) {
            if (!EventTypes.DECISION.equals(w.event().type())) {
                continue;
            }
            Decision d = w.data(Decision.class);
            if (d.id().equals(id) && (found == null || d.version() > found.version())) {
                found = d;
            }
        }
        return found;
    }

    static Map<String, Incident> latestIncidents(List<BrokerClient.Written> written) {
        Map<String, Incident> latest = new LinkedHashMap<>();
        written.forEach(w -> {
            Incident i = w.data(Incident.class);
            latest.merge(i.id(), i, (a, b) -> a.version() >= b.version() ? a : b);
        });
        return latest;
    }

    static Map<String, ComponentStatus> latestStatuses(List<BrokerClient.Written> written) {
        Map<String, ComponentStatus> latest = new LinkedHashMap<>();
        written.forEach(w -> {
            ComponentStatus s = w.data(ComponentStatus.class);
            latest.merge(s.componentId(), s, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b);
        });
        return latest;
    }

    /** Handovers of one reason in their dependency order (the topic spreads them over partitions by key). */
    static List<Handover> handovers(List<BrokerClient.Written> written, HandoverReason reason) {
        Predicate<Handover> of = h -> h.reason() == reason;
        return written.stream()
                .filter(w -> EventTypes.HANDOVER.equals(w.event().type()))
                .map(w -> w.data(Handover.class))
                .filter(of)
                .sorted(Comparator.comparingInt(Handover::order))
                .toList();
    }
}
