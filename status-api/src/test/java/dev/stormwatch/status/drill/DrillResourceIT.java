package dev.stormwatch.status.drill;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.Tokens;
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
 * Starting and abandoning drills on the real broker: roles (401/403), unknown platform or drill (404), a drill still
 * running (409), the exact DRILL_REQUESTED and audit records written, and the read model of drills.v1 built from the
 * correlator's DRILL reports (highest version wins; a final drill no longer blocks a new one).
 */
@QuarkusTest
class DrillResourceIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant NOW = MutableClock.START;

    @BeforeEach
    void clock() {
        MutableClock.INSTANCE.set(NOW);
    }

    static RequestSpecification as(String key) {
        return RestAssured.given().header(Keys.HEADER, key).contentType("application/json");
    }

    static void catalog(String platformId) {
        Samples.publishCatalog(platformId);
        Eventually.until(
                WAIT,
                platformId + " known",
                () -> as(Keys.VIEWER).get("/api/v1/platforms/" + platformId).statusCode() == 200);
    }

    @Test
    void aDrLeadStartsADrillWhichWritesExactlyTheRequestAndItsAuditRecord() {
        String p = "dr-start";
        catalog(p);
        String drillId = as(Keys.DR_LEAD)
                .body(Map.of("note", "annual storage rehearsal"))
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(202)
                .body("drillId", matchesPattern(p + "-20261122T1000-[0-9a-f]{4}"))
                .body("platformId", equalTo(p))
                .body("action", equalTo("start"))
                .extract()
                .path("drillId");
        RestAssured.given()
                .header(Keys.HEADER, Keys.DR_LEAD)
                .get("/api/v1/drills/" + drillId)
                .then()
                .statusCode(200)
                .body("links.self", equalTo("/api/v1/drills/" + drillId))
                .body("links.report", equalTo("/api/v1/drills/" + drillId + "/report.html"))
                .body("links.page", equalTo("/drills/" + drillId));

        TopicReader.Read written = TopicReader.await(Topics.DRILLS, 1, WAIT, r -> drillId.equals(r.key()))
                .get(0);
        assertEquals("drill-requested:" + drillId + ":start", written.event().id());
        assertEquals(EventTypes.DRILL_REQUESTED, written.event().type());
        assertEquals("/stormwatch/status-api", written.event().source());
        assertEquals(NOW, written.event().time());
        assertEquals(Boolean.TRUE, written.event().drill());
        assertEquals(
                new DrillRequest(drillId, p, DrillAction.START, "dr-lead", NOW, "annual storage rehearsal"),
                JsonCodec.data(written.event(), DrillRequest.class));

        TopicReader.Read audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        WAIT,
                        r -> p.equals(r.key())
                                && drillId.equals(
                                        r.event().data().path("subjectId").asText()))
                .get(0);
        assertEquals(
                "audit:drill-requested:" + drillId + ":start", audit.event().id());
        assertEquals(
                new AuditRecord(
                        p,
                        NOW,
                        "dr-lead",
                        "drill-start-requested",
                        drillId,
                        "drill of Small Test Platform requested; note: annual storage rehearsal",
                        true),
                JsonCodec.data(audit.event(), AuditRecord.class));

        // Known at once (requested), and a second start of the same platform is refused while it runs.
        as(Keys.VIEWER)
                .get("/api/v1/drills?platform=" + p)
                .then()
                .statusCode(200)
                .body("drillId", contains(drillId))
                .body("state", contains("requested"))
                .body("requestedBy", contains("dr-lead"))
                .body("note", contains("annual storage rehearsal"));
        as(Keys.DR_LEAD)
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(409)
                .body(
                        "error",
                        equalTo("drill '" + drillId + "' of platform '" + p
                                + "' is still running (requested, started by dr-lead); "
                                + "complete or abandon it first"));
        assertEquals(
                1,
                TopicReader.all(Topics.DRILLS).stream()
                        .filter(r -> r.key().startsWith(p + "-"))
                        .count(),
                "nothing more written");
    }

    @Test
    void onlyADrLeadStartsOrAbandonsAndUnknownThingsAre404() {
        String p = "dr-roles";
        catalog(p);
        RestAssured.given()
                .contentType("application/json")
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(401);
        for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.ADMIN)) {
            as(key).post("/api/v1/platforms/" + p + "/drills")
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("your role does not allow this"));
            as(key).post("/api/v1/drills/whatever/abandon").then().statusCode(403);
        }
        RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.of("priya@contoso.example", "responder"))
                .contentType("application/json")
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(403);
        as(Keys.DR_LEAD)
                .post("/api/v1/platforms/no-such-platform/drills")
                .then()
                .statusCode(404)
                .body("error", equalTo("no platform 'no-such-platform'"));
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/no-such-drill/abandon")
                .then()
                .statusCode(404)
                .body("error", equalTo("no drill 'no-such-drill'"));
        as(Keys.VIEWER).get("/api/v1/drills/no-such-drill").then().statusCode(404);
        RestAssured.given().get("/api/v1/drills").then().statusCode(401);
        as(Keys.DR_LEAD)
                .body(Map.of("note", "x".repeat(4001)))
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(400)
                .body("problems.path", contains("note"))
                .body("problems.message", contains("at most 4000 characters"));
        as(Keys.DR_LEAD)
                .body("{\"note\": [1, 2]}")
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(400)
                .body("problems[0].path", equalTo("note"));
        String drillId = RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.of("priya@contoso.example", "dr-lead"))
                .contentType("application/json")
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(202)
                .extract()
                .path("drillId");
        as(Keys.VIEWER).get("/api/v1/drills/" + drillId).then().body("requestedBy", equalTo("priya@contoso.example"));
    }

    @Test
    void abandoningWritesTheRequestOnceAndFreesThePlatform() {
        String p = "dr-abandon";
        catalog(p);
        String drillId = as(Keys.DR_LEAD)
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(202)
                .extract()
                .path("drillId");
        MutableClock.INSTANCE.advance(Duration.ofMinutes(5));
        as(Keys.DR_LEAD)
                .body(Map.of("note", "the DR test subscription is down"))
                .post("/api/v1/drills/" + drillId + "/abandon")
                .then()
                .statusCode(202)
                .body("drillId", equalTo(drillId))
                .body("action", equalTo("abandon"));
        Instant at = NOW.plus(Duration.ofMinutes(5));
        TopicReader.Read abandon = TopicReader.await(
                        Topics.DRILLS,
                        1,
                        WAIT,
                        r -> drillId.equals(r.key()) && r.event().id().endsWith(":abandon"))
                .get(0);
        assertEquals("drill-requested:" + drillId + ":abandon", abandon.event().id());
        assertEquals(
                new DrillRequest(drillId, p, DrillAction.ABANDON, "dr-lead", at, "the DR test subscription is down"),
                JsonCodec.data(abandon.event(), DrillRequest.class));
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/" + drillId + "/abandon")
                .then()
                .statusCode(409)
                .body("error", equalTo("drill '" + drillId + "' is already being abandoned (asked by dr-lead)"));
        as(Keys.VIEWER)
                .get("/api/v1/drills/" + drillId)
                .then()
                .body("abandonRequestedBy", equalTo("dr-lead"))
                .body("abandonRequestedAt", equalTo(at.toString()));
        // No longer running: a new drill may start.
        as(Keys.DR_LEAD).post("/api/v1/platforms/" + p + "/drills").then().statusCode(202);
    }

    @Test
    void theReadModelTakesTheCorrelatorsReportsHighestVersionWins() {
        String p = "dr-reports";
        catalog(p);
        // A drill the correlator runs (its request written elsewhere): it blocks a new one while recovering.
        DrillFixtures.write(DrillFixtures.report(p + "-d1", p, DrillState.RECOVERING, Duration.ofHours(8), 3));
        Eventually.assertThat(
                WAIT,
                () -> as(Keys.VIEWER)
                        .get("/api/v1/drills/" + p + "-d1")
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("recovering")));
        as(Keys.DR_LEAD).post("/api/v1/platforms/" + p + "/drills").then().statusCode(409);

        DrillFixtures.write(DrillFixtures.report(p + "-d1", p, DrillState.COMPLETED, Duration.ofHours(8), 9));
        DrillFixtures.write(DrillFixtures.report(p + "-d1", p, DrillState.SIGNING_OFF, Duration.ofHours(8), 7));
        // The version-7 record came last but is older: the view keeps version 9.
        Eventually.assertThat(
                WAIT,
                () -> as(Keys.VIEWER)
                        .get("/api/v1/drills?platform=" + p)
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].state", equalTo("completed"))
                        .body("[0].report.version", equalTo(9))
                        .body("[0].requestedBy", equalTo("dr-lead"))
                        .body("[0].report.drInvokedBy", equalTo("dana"))
                        .body("[0].report.measuredPlanTotal", equalTo(14400.0f))
                        .body("[0].report.meetsRto", equalTo(true))
                        .body("[0].report.steps.size()", equalTo(6)));
        JsonNode one = JsonCodec.fromJson(
                as(Keys.VIEWER).get("/api/v1/drills/" + p + "-d1").asString(), JsonNode.class);
        DrillReport report = JsonCodec.convert(one.path("report"), DrillReport.class);
        assertEquals(DrillFixtures.report(p + "-d1", p, DrillState.COMPLETED, Duration.ofHours(8), 9), report);
        // Completed: a new drill may start.
        String next = as(Keys.DR_LEAD)
                .post("/api/v1/platforms/" + p + "/drills")
                .then()
                .statusCode(202)
                .extract()
                .path("drillId");
        assertTrue(next.startsWith(p + "-20261122T1000-"), next);
    }

    @Test
    void aDrLeadAcceptsTheFlaggedMeasurementsOfACompletedDrillOnce() {
        String p = "dr-accept";
        catalog(p);
        String d = p + "-d1";
        DrillFixtures.write(DrillFixtures.report(d, p, DrillState.RECOVERING, Duration.ofHours(8), 1));
        Eventually.assertThat(
                WAIT,
                () -> as(Keys.VIEWER)
                        .get("/api/v1/drills/" + d)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("recovering")));
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/" + d + "/accept")
                .then()
                .statusCode(409)
                .body("error", equalTo("'" + d + "' is recovering, not completed"));
        DrillFixtures.write(DrillFixtures.report(d, p, DrillState.COMPLETED, Duration.ofHours(8), 2));
        Eventually.assertThat(
                WAIT, () -> as(Keys.VIEWER).get("/api/v1/drills/" + d).then().body("state", equalTo("completed")));
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/" + d + "/accept")
                .then()
                .statusCode(409)
                .body("error", equalTo("'" + d + "' has no flagged measurement to accept"));

        DrillFixtures.write(
                DrillFixtures.flagged(DrillFixtures.report(d, p, DrillState.COMPLETED, Duration.ofHours(8), 3)));
        Eventually.assertThat(
                WAIT,
                () -> as(Keys.VIEWER)
                        .get("/api/v1/drills/" + d)
                        .then()
                        .body("report.steps[0].flags", contains("far-below-estimate")));
        for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.ADMIN)) {
            as(key).post("/api/v1/drills/" + d + "/accept").then().statusCode(403);
        }
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/no-such-drill/accept")
                .then()
                .statusCode(404)
                .body("error", equalTo("no drill or DR run 'no-such-drill'"));
        MutableClock.INSTANCE.advance(Duration.ofMinutes(7));
        Instant at = NOW.plus(Duration.ofMinutes(7));
        as(Keys.DR_LEAD)
                .body(Map.of("note", "confirmed with the vault team"))
                .post("/api/v1/drills/" + d + "/accept")
                .then()
                .statusCode(202)
                .body("drillId", equalTo(d))
                .body("action", equalTo("accept"));
        TopicReader.Read accept = TopicReader.await(
                        Topics.DRILLS,
                        1,
                        WAIT,
                        r -> d.equals(r.key()) && r.event().id().endsWith(":accept"))
                .get(0);
        assertEquals("drill-requested:" + d + ":accept", accept.event().id());
        assertEquals(
                new DrillRequest(d, p, DrillAction.ACCEPT, "dr-lead", at, "confirmed with the vault team"),
                JsonCodec.data(accept.event(), DrillRequest.class));
        TopicReader.Read audit = TopicReader.await(
                        Topics.AUDIT,
                        1,
                        WAIT,
                        r -> p.equals(r.key())
                                && "measurements-accept-requested"
                                        .equals(r.event().data().path("action").asText()))
                .get(0);
        assertEquals(
                new AuditRecord(
                        p,
                        at,
                        "dr-lead",
                        "measurements-accept-requested",
                        d,
                        "acceptance of the flagged measurements (step 1 far-below-estimate) requested; note: "
                                + "confirmed with the vault team",
                        true),
                JsonCodec.data(audit.event(), AuditRecord.class));
        as(Keys.DR_LEAD)
                .post("/api/v1/drills/" + d + "/accept")
                .then()
                .statusCode(409)
                .body("error", equalTo("'" + d + "' is already being accepted"));
    }
}
