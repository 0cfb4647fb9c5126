package dev.stormwatch.status.decision;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery steps: a responder starts one (STEP_STARTED on dr-decisions.v1, exact record, audit) and completes it by
 * approving its decision (DECISION_TAKEN carrying the start); only open recovery-step decisions can be started;
 * responders may take recovery steps but no other decision kind.
 */
@QuarkusTest
class StepStartIT {

    static final String P = "ss-platform";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant RAISED = Instant.parse("2026-11-22T09:50:00Z");
    static final RecoveryStepRef STORAGE = new RecoveryStepRef(
            "storage",
            "Fail over storage",
            2,
            "key-vault",
            Duration.ofMinutes(60),
            Duration.ofMinutes(30),
            "storage reachable from the secondary",
            "retry once, then escalate",
            "dr-lead");

    @BeforeEach
    void clock() {
        MutableClock.INSTANCE.set(MutableClock.START);
    }

    static RequestSpecification as(String key) {
        return RestAssured.given().header(Keys.HEADER, key).contentType("application/json");
    }

    static Decision step(String id, boolean drill) {
        return new Decision(
                id,
                P,
                "drill-ss-1",
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step 2: Fail over storage",
                "Run the step, then complete it with the validation evidence",
                List.of("approve: completed", "decline: failed"),
                RAISED,
                null,
                false,
                STORAGE,
                0,
                null,
                null,
                null,
                null,
                drill,
                1);
    }

    static void open(Decision d) {
        Samples.writeDecision(d);
        Eventually.until(
                WAIT,
                d.id() + " visible",
                () -> as(Keys.VIEWER).get("/api/v1/decisions/" + d.id()).statusCode() == 200);
    }

    @Test
    void aResponderStartsAStepThenCompletesItByApproving() {
        open(step("ss-1", true));
        as(Keys.RESPONDER)
                .body(Map.of("via", "dashboard"))
                .post("/api/v1/decisions/ss-1/start")
                .then()
                .statusCode(202)
                .body("decision.startedBy", equalTo("on-call"))
                .body("decision.startedAt", equalTo("2026-11-22T10:00:00Z"))
                .body("decision.state", equalTo("open"))
                .body("pendingConfirmation", equalTo(true));

        TopicReader.Read started = TopicReader.await(
                        Topics.DR_DECISIONS,
                        1,
                        WAIT,
                        r -> "ss-1".equals(r.key())
                                && EventTypes.STEP_STARTED.equals(r.event().type()))
                .get(0);
        assertTrue(
                started.event().id().matches("step-started:ss-1:1:[0-9a-f-]{36}"),
                started.event().id());
        assertEquals("/stormwatch/status-api", started.event().source());
        assertEquals(MutableClock.START, started.event().time());
        assertEquals(Boolean.TRUE, started.event().drill(), "a drill's step start is marked as a drill");
        assertEquals(
                new StepStarted("ss-1", P, "on-call", MutableClock.START, "dashboard"),
                JsonCodec.data(started.event(), StepStarted.class));
        TopicReader.Read audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        WAIT,
                        r -> P.equals(r.key())
                                && "ss-1"
                                        .equals(r.event()
                                                .data()
                                                .path("subjectId")
                                                .asText())
                                && "step-started"
                                        .equals(r.event().data().path("action").asText()))
                .get(0);
        assertEquals(
                new AuditRecord(
                        P,
                        MutableClock.START,
                        "on-call",
                        "step-started",
                        "ss-1",
                        "started storage: Fail over storage via dashboard",
                        true),
                JsonCodec.data(audit.event(), AuditRecord.class));

        as(Keys.RESPONDER)
                .post("/api/v1/decisions/ss-1/start")
                .then()
                .statusCode(409)
                .body(
                        "error",
                        equalTo("the step of decision 'ss-1' was already started by on-call at 2026-11-22T10:00:00Z"));

        MutableClock.INSTANCE.advance(Duration.ofMinutes(75));
        as(Keys.RESPONDER)
                .body(Map.of("reason", "step completed", "evidence", "storage reachable from the secondary"))
                .post("/api/v1/decisions/ss-1/approve")
                .then()
                .statusCode(202)
                .body("decision.state", equalTo("approved"))
                .body("decision.decidedBy", equalTo("on-call"));
        TopicReader.Read taken = TopicReader.await(
                        Topics.DR_DECISIONS,
                        1,
                        WAIT,
                        r -> "ss-1".equals(r.key())
                                && EventTypes.DECISION_TAKEN.equals(r.event().type()))
                .get(0);
        Decision d = step("ss-1", true);
        assertEquals(
                new Decision(
                        "ss-1",
                        P,
                        "drill-ss-1",
                        DecisionKind.RECOVERY_STEP,
                        DecisionState.APPROVED,
                        d.title(),
                        d.recommendation(),
                        d.options(),
                        RAISED,
                        null,
                        false,
                        STORAGE,
                        0,
                        "on-call",
                        Instant.parse("2026-11-22T11:15:00Z"),
                        "step completed",
                        "storage reachable from the secondary",
                        true,
                        1,
                        "on-call",
                        MutableClock.START),
                JsonCodec.data(taken.event(), Decision.class));
        as(Keys.RESPONDER)
                .post("/api/v1/decisions/ss-1/start")
                .then()
                .statusCode(409)
                .body("state", equalTo("approved"));
    }

    @Test
    void onlyOpenRecoveryStepsStartAndOnlyResponderOrDrLeadMayStart() {
        open(step("ss-2", false));
        RestAssured.given()
                .contentType("application/json")
                .post("/api/v1/decisions/ss-2/start")
                .then()
                .statusCode(401);
        as(Keys.VIEWER).post("/api/v1/decisions/ss-2/start").then().statusCode(403);
        as(Keys.ADMIN).post("/api/v1/decisions/ss-2/start").then().statusCode(403);
        as(Keys.RESPONDER)
                .post("/api/v1/decisions/nope/start")
                .then()
                .statusCode(404)
                .body("error", equalTo("no decision 'nope'"));
        as(Keys.RESPONDER)
                .body(Map.of("via", "telepathy"))
                .post("/api/v1/decisions/ss-2/start")
                .then()
                .statusCode(400)
                .body("problems.path", contains("via"))
                .body("problems.message", contains("'telepathy' is not one of api, dashboard"));

        Samples.writeDecision(Samples.decision(
                "ss-invoke",
                P,
                "drill-ss-1",
                DecisionState.OPEN,
                RAISED,
                Instant.parse("2026-11-22T14:00:00Z"),
                false,
                1));
        Eventually.until(
                WAIT,
                "ss-invoke",
                () -> as(Keys.VIEWER).get("/api/v1/decisions/ss-invoke").statusCode() == 200);
        as(Keys.RESPONDER)
                .post("/api/v1/decisions/ss-invoke/start")
                .then()
                .statusCode(409)
                .body(
                        "error",
                        equalTo("decision 'ss-invoke' is of kind invoke-dr, not a recovery step: there is no step to "
                                + "start"));
        // A responder takes recovery steps only; invoke-dr stays the DR lead's.
        as(Keys.RESPONDER)
                .body(Map.of("reason", "fail over"))
                .post("/api/v1/decisions/ss-invoke/approve")
                .then()
                .statusCode(403)
                .body(
                        "error",
                        equalTo("only a dr-lead takes invoke-dr decisions; responders approve or decline recovery "
                                + "steps"));
        as(Keys.RESPONDER)
                .body(Map.of("reason", "wait"))
                .post("/api/v1/decisions/ss-invoke/decline")
                .then()
                .statusCode(403);

        // The step started with no body: via api. Not a drill: no drill extension.
        as(Keys.DR_LEAD)
                .post("/api/v1/decisions/ss-2/start")
                .then()
                .statusCode(202)
                .body("decision.startedBy", equalTo("dr-lead"));
        TopicReader.Read started = TopicReader.await(
                        Topics.DR_DECISIONS,
                        1,
                        WAIT,
                        r -> "ss-2".equals(r.key())
                                && EventTypes.STEP_STARTED.equals(r.event().type()))
                .get(0);
        assertEquals(null, started.event().drill());
        assertEquals(
                new StepStarted("ss-2", P, "dr-lead", MutableClock.START, "api"),
                JsonCodec.data(started.event(), StepStarted.class));
        // A responder declines a failed step.
        as(Keys.RESPONDER)
                .body(Map.of("reason", "failover did not complete"))
                .post("/api/v1/decisions/ss-2/decline")
                .then()
                .statusCode(202)
                .body("decision.state", equalTo("declined"));
    }
}
