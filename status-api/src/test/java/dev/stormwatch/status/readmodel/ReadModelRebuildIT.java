package dev.stormwatch.status.readmodel;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.audit.AuditView;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.feasibility.FeasibilityView;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.incident.IncidentView;
import dev.stormwatch.status.kafka.KafkaSettings;
import dev.stormwatch.status.page.PageView;
import dev.stormwatch.status.platform.PlatformView;
import dev.stormwatch.status.subscription.SubscriptionView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A restart rebuilds everything from Kafka alone: a fresh set of views with a fresh replay (what a restarted status-api
 * runs) reaches the same state as the running application, and reports caught up only then.
 */
@QuarkusTest
class ReadModelRebuildIT {

    static final String P = "rb-platform";

    @Inject
    KafkaSettings settings;

    @Inject
    IncidentView liveIncidents;

    @Inject
    DecisionView liveDecisions;

    @Inject
    PageView livePages;

    @Inject
    PlatformView livePlatforms;

    @Test
    void aFreshReplayRebuildsTheSameStateAndThenReportsCaughtUp() throws InterruptedException {
        MutableClock.INSTANCE.set(MutableClock.START);
        Instant t = Instant.parse("2026-11-22T09:00:00Z");
        Samples.publishCatalog(P);
        Samples.writeIncident(
                Samples.incident("rb-A", P, IncidentState.OPEN, Severity.SEV1, t, 3, List.of("storage"), false));
        Samples.writeStatus(
                P,
                "storage",
                "store",
                ComponentState.OUTAGE,
                Map.of("australiaeast", ComponentState.OUTAGE),
                "rb-A",
                t);
        Samples.writeDecision(
                Samples.decision("rb-X", P, "rb-A", DecisionState.OPEN, t, t.plus(Duration.ofHours(5)), false, 1));
        Samples.writeNotification(
                Samples.notification("rb-page", P, "rb-A", "raj", "teams", 1, DeliveryResult.DELIVERED, null, t));
        Samples.writeAck("rb-page", "rb-A", "raj", "raj", "link", t.plusSeconds(60));
        Eventually.until(
                Duration.ofSeconds(10),
                "decision visible",
                () -> liveDecisions.current("rb-X").isPresent());
        // A DR lead takes the decision through the API: DECISION_TAKEN on dr-decisions.v1.
        RestAssured.given()
                .header(Keys.HEADER, Keys.DR_LEAD)
                .contentType("application/json")
                .body(Map.of("reason", "no ETA from Microsoft"))
                .post("/api/v1/decisions/rb-X/approve")
                .then()
                .statusCode(202);
        Eventually.until(
                Duration.ofSeconds(10),
                "ack visible",
                () -> livePages
                        .page("rb-page")
                        .map(p -> p.acknowledged() != null)
                        .orElse(false));

        PlatformView platforms = new PlatformView();
        IncidentView incidents = new IncidentView();
        DecisionView decisions = new DecisionView();
        PageView pages = new PageView();
        List<TopicView> views = List.of(
                platforms,
                incidents,
                decisions,
                pages,
                new AuditView(),
                new HandoverView(),
                new FeasibilityView(),
                new SubscriptionView(changed -> {}));
        List<ReadModelCaughtUp> caughtUp = new ArrayList<>();
        ReadModelReplay replay =
                new ReadModelReplay(settings, views, List.of(), caughtUp::add, new SimpleMeterRegistry());
        assertFalse(replay.caughtUp());
        replay.start();
        try {
            Eventually.until(Duration.ofSeconds(20), "fresh replay caught up", replay::caughtUp);
            assertEquals(1, caughtUp.size());
            assertTrue(caughtUp.get(0).records() > 0);
            assertEquals(liveIncidents.incident("rb-A"), incidents.incident("rb-A"));
            assertEquals(3, incidents.incident("rb-A").orElseThrow().version());
            assertEquals(livePlatforms.catalog(P), platforms.catalog(P));
            assertEquals(livePlatforms.status(P, "storage"), platforms.status(P, "storage"));
            DecisionView.Current rebuilt = decisions.current("rb-X").orElseThrow();
            assertEquals(DecisionState.APPROVED, rebuilt.decision().state());
            assertEquals("dr-lead", rebuilt.decision().decidedBy());
            assertEquals("no ETA from Microsoft", rebuilt.decision().reason());
            assertTrue(rebuilt.pending());
            assertEquals(livePages.page("rb-page"), pages.page("rb-page"));
        } finally {
            replay.stop();
        }
        RestAssured.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'read-model' }.status", equalTo("UP"));
    }
}
