package dev.stormwatch.status.decision;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automated steps' outcomes: a callback signed with the call's callback key completes the step exactly as a person's
 * approval would (decision-taken with the evidence, audit); a forged, unsigned or stale one is refused with 401 and an
 * audit record, and leaves the step open.
 */
@QuarkusTest
class StepCallbackIT {

    static final String P = "cb-platform";
    static final String SHARED = "test-step-callback-secret";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant RAISED = Instant.parse("2026-11-22T09:50:00Z");
    static final RecoveryStepRef VAULT = new RecoveryStepRef(
            "key-vault",
            "Recover the vault",
            1,
            null,
            Duration.ofMinutes(20),
            Duration.ofMinutes(10),
            "every secret listed",
            "restore from backup",
            "shared-services-ops");

    @BeforeEach
    void clock() {
        MutableClock.INSTANCE.set(MutableClock.START);
    }

    static Decision step(String id) {
        return new Decision(
                id,
                P,
                "inc-cb",
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step 1: Recover the vault",
                "Run the step",
                List.of("approve: completed", "decline: failed"),
                RAISED,
                null,
                false,
                VAULT,
                0,
                null,
                null,
                null,
                null,
                false,
                2,
                "automation:notifier",
                RAISED.plusSeconds(60));
    }

    static void open(Decision d) {
        Samples.writeDecision(d);
        Eventually.until(
                WAIT,
                d.id() + " visible",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/decisions/" + d.id())
                                .statusCode()
                        == 200);
    }

    static io.restassured.response.Response post(String id, String body, long ts, String signature) {
        var r = RestAssured.given().contentType("application/json").body(body);
        if (signature != null) {
            r = r.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        return r.post("/api/v1/step-callbacks/" + id);
    }

    @Test
    void aSignedCallbackCompletesTheStepWithItsEvidence() {
        open(step("cb-1"));
        String body = "{\"status\":\"succeeded\",\"evidence\":\"runbook job 7f3c: 42 secrets restored\","
                + "\"detail\":\"job completed\"}";
        long ts = MutableClock.START.getEpochSecond();
        String key = StepCallback.callbackKey(SHARED, "cb-1");

        post("cb-1", body, ts, StepCallback.sign(key, ts, body))
                .then()
                .statusCode(202)
                .body("decision.state", equalTo("approved"))
                .body("decision.decidedBy", equalTo("automation:callback"));

        TopicReader.Read taken = TopicReader.await(
                        Topics.DR_DECISIONS,
                        1,
                        WAIT,
                        r -> "cb-1".equals(r.key())
                                && EventTypes.DECISION_TAKEN.equals(r.event().type()))
                .get(0);
        Decision d = step("cb-1");
        assertEquals(
                new Decision(
                        "cb-1",
                        P,
                        "inc-cb",
                        DecisionKind.RECOVERY_STEP,
                        DecisionState.APPROVED,
                        d.title(),
                        d.recommendation(),
                        d.options(),
                        RAISED,
                        null,
                        false,
                        VAULT,
                        0,
                        "automation:callback",
                        MutableClock.START,
                        "the automated step reported success: job completed",
                        "runbook job 7f3c: 42 secrets restored",
                        false,
                        2,
                        "automation:notifier",
                        RAISED.plusSeconds(60)),
                JsonCodec.data(taken.event(), Decision.class));
        TopicReader.Read audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        WAIT,
                        r -> P.equals(r.key())
                                && "cb-1"
                                        .equals(r.event()
                                                .data()
                                                .path("subjectId")
                                                .asText()))
                .get(0);
        assertEquals(
                new AuditRecord(
                        P,
                        MutableClock.START,
                        "automation:callback",
                        "decision-approved",
                        "cb-1",
                        "approved recovery-step; reason: the automated step reported success: job completed; "
                                + "evidence: runbook job 7f3c: 42 secrets restored",
                        false),
                JsonCodec.data(audit.event(), AuditRecord.class));

        // The same outcome again (a target retrying): the step is no longer open.
        post("cb-1", body, ts, StepCallback.sign(key, ts, body))
                .then()
                .statusCode(409)
                .body("state", equalTo("approved"));
    }

    @Test
    void forgedUnsignedAndStaleCallbacksAreRefusedAndAudited() {
        open(step("cb-2"));
        String body = "{\"status\":\"succeeded\",\"evidence\":\"trust me\"}";
        long ts = MutableClock.START.getEpochSecond();

        // Signed with the shared secret itself, or with another step's key: both forged.
        post("cb-2", body, ts, StepCallback.sign(SHARED, ts, body))
                .then()
                .statusCode(401)
                .body(
                        "error",
                        equalTo("the signature does not match: sign timestamp + '.' + body with the callback key sent "
                                + "with the call"));
        post("cb-2", body, ts, StepCallback.sign(StepCallback.callbackKey(SHARED, "cb-1"), ts, body))
                .then()
                .statusCode(401);
        post("cb-2", body, ts, null)
                .then()
                .statusCode(401)
                .body(
                        "error",
                        equalTo("unsigned callback: X-Stormwatch-Timestamp and X-Stormwatch-Signature are required"));
        long old = ts - 600;
        post("cb-2", body, old, StepCallback.sign(StepCallback.callbackKey(SHARED, "cb-2"), old, body))
                .then()
                .statusCode(401)
                .body("error", equalTo("stale callback: signed 600 s from now, more than 300 s"));

        List<TopicReader.Read> refused = TopicReader.await(
                Topics.AUDIT,
                4,
                WAIT,
                r -> P.equals(r.key())
                        && "cb-2".equals(r.event().data().path("subjectId").asText())
                        && "step-callback-refused"
                                .equals(r.event().data().path("action").asText()));
        AuditRecord first = JsonCodec.data(refused.get(0).event(), AuditRecord.class);
        assertEquals(
                new AuditRecord(
                        P,
                        MutableClock.START,
                        first.actor(),
                        "step-callback-refused",
                        "cb-2",
                        "the signature does not match: sign timestamp + '.' + body with the callback key sent with "
                                + "the call",
                        false),
                first);
        assertEquals("unauthenticated caller at 127.0.0.1", first.actor());
        RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/decisions/cb-2")
                .then()
                .statusCode(200)
                .body("decision.state", equalTo("open"));

        // A signed body that is not an outcome: 400 naming the field.
        String bad = "{\"status\":\"maybe\"}";
        post("cb-2", bad, ts, StepCallback.sign(StepCallback.callbackKey(SHARED, "cb-2"), ts, bad))
                .then()
                .statusCode(400)
                .body("problems[0].path", equalTo("status"))
                .body("problems[0].message", equalTo("'maybe' is not one of succeeded, failed"));
    }
}
