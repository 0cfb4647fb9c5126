package dev.stormwatch.status.decision;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.Tokens;
import dev.stormwatch.status.TopicReader;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approve and decline: only dr-lead; the result goes to dr-decisions.v1 as DECISION_TAKEN and to audit.v1; a decision
 * already taken or expired answers 409 with its state.
 */
@QuarkusTest
class DecisionDeskIT {

    static final String P = "dd-platform";
    static final Instant T9 = Instant.parse("2026-11-22T09:00:00Z");
    static final Instant DEADLINE = Instant.parse("2026-11-22T14:40:00Z");

    @Inject
    EventPublisher publisher;

    @Inject
    AuditWriter audit;

    @BeforeEach
    void clock() {
        MutableClock.INSTANCE.set(MutableClock.START);
    }

    static RequestSpecification as(String key) {
        return RestAssured.given().header(Keys.HEADER, key).contentType("application/json");
    }

    static void open(String id, Instant deadline, boolean rtoAtRisk) {
        Samples.writeDecision(Samples.decision(id, P, "dd-incident", DecisionState.OPEN, T9, deadline, rtoAtRisk, 1));
        Eventually.until(
                Duration.ofSeconds(10),
                id + " visible",
                () -> as(Keys.VIEWER).get("/api/v1/decisions/" + id).statusCode() == 200);
    }

    @Test
    void approvingWritesDecisionTakenAndAnAuditRecordAndASecondAttemptIsA409() {
        open("dd-1", DEADLINE, false);

        as(Keys.DR_LEAD)
                .body(Map.of(
                        "reason",
                        "Microsoft gives no ETA; RTO runs out at 14:40",
                        "evidence",
                        "Azure ticket 2611220010001234"))
                .post("/api/v1/decisions/dd-1/approve")
                .then()
                .statusCode(202)
                .body("decision.id", equalTo("dd-1"))
                .body("decision.state", equalTo("approved"))
                .body("decision.decidedBy", equalTo("dr-lead"))
                .body("decision.decidedAt", equalTo("2026-11-22T10:00:00Z"))
                .body("decision.reason", equalTo("Microsoft gives no ETA; RTO runs out at 14:40"))
                .body("decision.evidence", equalTo("Azure ticket 2611220010001234"))
                .body("pendingConfirmation", equalTo(true));

        TopicReader.Read taken = TopicReader.await(
                        Topics.DR_DECISIONS,
                        1,
                        Duration.ofSeconds(10),
                        r -> "dd-1".equals(r.key())
                                && r.event() != null
                                && EventTypes.DECISION_TAKEN.equals(r.event().type()))
                .get(0);
        assertTrue(
                taken.event().id().matches("decision-taken:dd-1:1:[0-9a-f-]{36}"),
                taken.event().id());
        assertEquals("/stormwatch/status-api", taken.event().source());
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), taken.event().time());
        Decision written = JsonCodec.data(taken.event(), Decision.class);
        Decision raised = Samples.decision("dd-1", P, "dd-incident", DecisionState.OPEN, T9, DEADLINE, false, 1);
        assertEquals(
                new Decision(
                        "dd-1",
                        P,
                        "dd-incident",
                        raised.kind(),
                        DecisionState.APPROVED,
                        raised.title(),
                        raised.recommendation(),
                        raised.options(),
                        T9,
                        DEADLINE,
                        false,
                        null,
                        0,
                        "dr-lead",
                        Instant.parse("2026-11-22T10:00:00Z"),
                        "Microsoft gives no ETA; RTO runs out at 14:40",
                        "Azure ticket 2611220010001234",
                        false,
                        1),
                written);

        JsonNode audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        Duration.ofSeconds(10),
                        r -> P.equals(r.key())
                                && "dd-1"
                                        .equals(r.event()
                                                .data()
                                                .path("subjectId")
                                                .asText()))
                .get(0)
                .event()
                .data();
        assertEquals("dr-lead", audit.path("actor").asText());
        assertEquals("decision-approved", audit.path("action").asText());
        assertEquals(
                "fail over to the secondary region; reason: Microsoft gives no ETA; RTO runs out at 14:40; "
                        + "evidence: Azure ticket 2611220010001234",
                audit.path("detail").asText());

        as(Keys.DR_LEAD)
                .body(Map.of("reason", "again"))
                .post("/api/v1/decisions/dd-1/approve")
                .then()
                .statusCode(409)
                .body("state", equalTo("approved"))
                .body("decidedBy", equalTo("dr-lead"))
                .body("error", equalTo("decision 'dd-1' is already approved by dr-lead at 2026-11-22T10:00:00Z"));
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "changed my mind"))
                .post("/api/v1/decisions/dd-1/decline")
                .then()
                .statusCode(409)
                .body("state", equalTo("approved"));

        // The correlator confirms with its next snapshot: no longer pending.
        Decision confirmed = new Decision(
                written.id(),
                P,
                written.incidentId(),
                written.kind(),
                DecisionState.APPROVED,
                written.title(),
                written.recommendation(),
                written.options(),
                T9,
                DEADLINE,
                false,
                null,
                0,
                "dr-lead",
                written.decidedAt(),
                written.reason(),
                written.evidence(),
                false,
                2);
        Samples.writeDecision(confirmed);
        Eventually.assertThat(
                Duration.ofSeconds(10),
                () -> as(Keys.VIEWER)
                        .get("/api/v1/decisions/dd-1")
                        .then()
                        .body("decision.version", equalTo(2))
                        .body("pendingConfirmation", equalTo(false)));
    }

    @Test
    void twoPeopleOnTwoInstancesTakingOneVersionPublishTwoTakingsAndTheSecondInstanceAnswers409OnceItKnows() {
        open("dd-race", DEADLINE, false);
        // A second status-api instance: its own read model, which has not seen this instance's taking yet.
        DecisionView otherView = new DecisionView();
        Decision raised = Samples.decision("dd-race", P, "dd-incident", DecisionState.OPEN, T9, DEADLINE, false, 1);
        otherView.apply(new ConsumedRecord(
                Topics.DR_DECISIONS.name(),
                0,
                0,
                "dd-race",
                JsonCodec.envelope(
                        "decision:dd-race:1", EventTypes.DECISION, Samples.CORRELATOR, "dd-race", T9, false, raised),
                0));
        DecisionDesk otherDesk = new DecisionDesk(otherView, publisher, audit, MutableClock.INSTANCE);

        as(Keys.DR_LEAD)
                .body(Map.of("reason", "fail over now"))
                .post("/api/v1/decisions/dd-race/approve")
                .then()
                .statusCode(202);
        otherDesk.take("dd-race", DecisionState.DECLINED, new DecisionBody("wait for Microsoft", null), "tom", true);

        List<TopicReader.Read> takings = TopicReader.await(
                Topics.DR_DECISIONS,
                2,
                Duration.ofSeconds(10),
                r -> "dd-race".equals(r.key())
                        && r.event() != null
                        && EventTypes.DECISION_TAKEN.equals(r.event().type()));
        assertEquals(
                List.of("dr-lead", "tom"),
                takings.stream()
                        .map(r -> JsonCodec.data(r.event(), Decision.class).decidedBy())
                        .toList());
        assertNotEquals(
                takings.get(0).event().id(), takings.get(1).event().id(), "each taking has its own CloudEvent id");
        takings.forEach(r -> assertTrue(
                r.event().id().startsWith("decision-taken:dd-race:1:"),
                r.event().id()));

        // Once the other instance has read the topic, the first taking stands there too and a further try is a 409.
        for (TopicReader.Read r : takings) {
            otherView.apply(new ConsumedRecord(Topics.DR_DECISIONS.name(), 0, 0, r.key(), r.event(), 0));
        }
        assertEquals(
                "dr-lead", otherView.current("dd-race").orElseThrow().decision().decidedBy());
        ApiError conflict = org.junit.jupiter.api.Assertions.assertThrows(
                ApiError.class,
                () -> otherDesk.take(
                        "dd-race", DecisionState.DECLINED, new DecisionBody("still waiting", null), "tom", true));
        assertEquals(409, conflict.body().status());
        assertTrue(
                conflict.body().error().startsWith("decision 'dd-race' is already approved by dr-lead at "),
                conflict.body().error());
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "again"))
                .post("/api/v1/decisions/dd-race/decline")
                .then()
                .statusCode(409)
                .body("decidedBy", equalTo("dr-lead"));
    }

    @Test
    void decliningAnInvokeDrMeansWaitingForMicrosoft() {
        open("dd-2", DEADLINE, false);
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "Microsoft mitigates within the hour"))
                .post("/api/v1/decisions/dd-2/decline")
                .then()
                .statusCode(202)
                .body("decision.state", equalTo("declined"));
        JsonNode audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        Duration.ofSeconds(10),
                        r -> P.equals(r.key())
                                && "dd-2"
                                        .equals(r.event()
                                                .data()
                                                .path("subjectId")
                                                .asText()))
                .get(0)
                .event()
                .data();
        assertEquals("decision-declined", audit.path("action").asText());
        assertEquals(
                "wait for Microsoft; reason: Microsoft mitigates within the hour",
                audit.path("detail").asText());
    }

    @Test
    void anExpiredDecisionIsA409ButOneRaisedWithTheRtoAlreadyAtRiskCanStillBeTaken() {
        open("dd-3", Instant.parse("2026-11-22T09:30:00Z"), false);
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "late"))
                .post("/api/v1/decisions/dd-3/approve")
                .then()
                .statusCode(409)
                .body("state", equalTo("expired"))
                .body("error", equalTo("decision 'dd-3' expired at 2026-11-22T09:30:00Z; it has been escalated"));

        Samples.writeDecision(Samples.decision("dd-4", P, "dd-incident", DecisionState.EXPIRED, T9, T9, false, 3));
        Eventually.until(
                Duration.ofSeconds(10),
                "dd-4",
                () -> as(Keys.VIEWER).get("/api/v1/decisions/dd-4").statusCode() == 200);
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "late"))
                .post("/api/v1/decisions/dd-4/decline")
                .then()
                .statusCode(409)
                .body("state", equalTo("expired"));

        open("dd-5", Instant.parse("2026-11-22T08:00:00Z"), true);
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "fail over now, the RTO is already at risk"))
                .post("/api/v1/decisions/dd-5/approve")
                .then()
                .statusCode(202)
                .body("decision.state", equalTo("approved"));
    }

    @Test
    void aReasonIsRequiredAndBadBodiesAreNamed() {
        open("dd-6", DEADLINE, false);
        as(Keys.DR_LEAD)
                .body(Map.of("evidence", "x"))
                .post("/api/v1/decisions/dd-6/approve")
                .then()
                .statusCode(400)
                .body("error", equalTo("the decision needs a reason"))
                .body("problems.path", contains("reason"))
                .body("problems.message", contains("required: say why"));
        as(Keys.DR_LEAD)
                .body("{\"reason\": 12, ")
                .post("/api/v1/decisions/dd-6/approve")
                .then()
                .statusCode(400)
                .body("error", equalTo("the request body is not valid JSON for this endpoint"));
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "x".repeat(4001)))
                .post("/api/v1/decisions/dd-6/approve")
                .then()
                .statusCode(400)
                .body("problems[0].message", equalTo("at most 4000 characters"));
        as(Keys.DR_LEAD)
                .body(Map.of("reason", "why"))
                .post("/api/v1/decisions/dd-nope/approve")
                .then()
                .statusCode(404)
                .body("error", equalTo("no decision 'dd-nope'"));
    }

    @Test
    void onlyADrLeadDecides() {
        open("dd-7", DEADLINE, false);
        RestAssured.given()
                .contentType("application/json")
                .body(Map.of("reason", "r"))
                .post("/api/v1/decisions/dd-7/approve")
                .then()
                .statusCode(401);
        for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.ADMIN)) {
            as(key).body(Map.of("reason", "r"))
                    .post("/api/v1/decisions/dd-7/approve")
                    .then()
                    .statusCode(403);
            as(key).body(Map.of("reason", "r"))
                    .post("/api/v1/decisions/dd-7/decline")
                    .then()
                    .statusCode(403);
        }
        RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.of("priya@contoso.example", "viewer"))
                .contentType("application/json")
                .body(Map.of("reason", "r"))
                .post("/api/v1/decisions/dd-7/approve")
                .then()
                .statusCode(403);
        RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.of("priya@contoso.example", "dr-lead"))
                .contentType("application/json")
                .body(Map.of("reason", "token holder decides"))
                .post("/api/v1/decisions/dd-7/approve")
                .then()
                .statusCode(202)
                .body("decision.decidedBy", equalTo("priya@contoso.example"));
    }

    @Test
    void ofConcurrentApprovalsExactlyOneWins() throws Exception {
        open("dd-8", DEADLINE, false);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = i % 2 == 0 ? "approve" : "decline";
            answers.add(pool.submit(() -> {
                go.await();
                return as(Keys.DR_LEAD)
                        .body(Map.of("reason", "race"))
                        .post("/api/v1/decisions/dd-8/" + path)
                        .statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        Collections.sort(codes);
        assertEquals(List.of(202, 409, 409, 409, 409, 409), codes);
        assertEquals(
                1,
                TopicReader.await(
                                Topics.DR_DECISIONS,
                                1,
                                Duration.ofSeconds(10),
                                r -> "dd-8".equals(r.key())
                                        && EventTypes.DECISION_TAKEN.equals(
                                                r.event().type()))
                        .size());
    }
}
