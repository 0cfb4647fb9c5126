package dev.stormwatch.status.subscription;

import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.drill.DrillFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drills reach only the downstream teams that opted in: a drill handover on handovers.v1 goes to the subscription with
 * drills: true and not to the other; a real handover goes to both; drill reports (event type drill) go only to a
 * subscription that asked for them, and a drill request on the same topic goes to no one. Exact bodies (the CloudEvent
 * as it is on Kafka) and valid HMAC signatures, on the real broker with real HTTP receivers.
 */
@QuarkusTest
class DrillSubscriptionIT {

    static final String P = "ds-platform";
    static final Duration WAIT = Duration.ofSeconds(45);
    static final Instant AT = Instant.parse("2026-11-22T11:00:00Z");

    @Test
    void aDrillHandoverReachesOnlyTheSubscriberThatOptedInAndARealOneReachesBoth() {
        MutableClock.INSTANCE.set(MutableClock.START);
        Samples.publishCatalog(P);
        Eventually.until(
                WAIT,
                "catalog",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/platforms/" + P)
                                .statusCode()
                        == 200);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(Map.of(
                        "owner",
                        "ops",
                        "url",
                        "http://127.0.0.1:9/x",
                        "secret",
                        "0123456789abcdef",
                        "eventTypes",
                        List.of("drill")))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("problems.path", contains("eventTypes"))
                .body("problems.message", contains("'drill' (drill reports) needs drills: true"));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String plainSecret = "plain-secret-00000001";
            String drillSecret = "drill-secret-00000001";
            String reportSecret = "report-secret-0000001";
            String plain = SubscriptionDeliveryIT.create(
                    "finance-reporting",
                    receiver.add("/plain", n -> 200, 0),
                    plainSecret,
                    List.of(P),
                    List.of(),
                    null,
                    null);
            String drills = SubscriptionDeliveryIT.create(
                    "dr-test-team",
                    receiver.add("/drills", n -> 200, 0),
                    drillSecret,
                    List.of(P),
                    List.of(),
                    null,
                    true);
            String reports = SubscriptionDeliveryIT.create(
                    "dr-test-team",
                    receiver.add("/reports", n -> 200, 0),
                    reportSecret,
                    List.of(P),
                    List.of(),
                    List.of("drill"),
                    true);

            Handover drill = Samples.handover("ds-h-drill", P, "storage", "drill-ds-1", AT, true);
            Handover real = Samples.handover("ds-h-real", P, "storage", "ds-incident", AT.plusSeconds(60), false);
            Samples.writeHandover(drill);
            Samples.writeHandover(real);
            String drillBody = new String(
                    JsonCodec.toBytes(JsonCodec.envelope(
                            "ds-h-drill", EventTypes.HANDOVER, Samples.CORRELATOR, P + "/storage", AT, true, drill)),
                    StandardCharsets.UTF_8);
            String realBody = new String(
                    JsonCodec.toBytes(JsonCodec.envelope(
                            "ds-h-real",
                            EventTypes.HANDOVER,
                            Samples.CORRELATOR,
                            P + "/storage",
                            AT.plusSeconds(60),
                            false,
                            real)),
                    StandardCharsets.UTF_8);

            Eventually.until(
                    WAIT,
                    "both handovers at /drills, the real one at /plain",
                    () -> receiver.deliveries("/drills").size() >= 2
                            && !receiver.deliveries("/plain").isEmpty());
            // Same key, same partition: /plain got the real handover, so the drill one before it was passed over.
            List<WebhookReceiver.Delivery> atPlain = receiver.deliveries("/plain");
            assertEquals(
                    List.of("ds-h-real"),
                    atPlain.stream().map(WebhookReceiver.Delivery::eventId).toList());
            assertEquals(realBody, atPlain.get(0).body());
            assertTrue(
                    WebhookSignature.verify(
                            plainSecret,
                            atPlain.get(0).headers().get("x-stormwatch-timestamp"),
                            realBody,
                            atPlain.get(0).headers().get("x-stormwatch-signature")),
                    "signed with the subscription's secret");
            assertEquals(plain, atPlain.get(0).headers().get("x-stormwatch-subscription"));

            List<WebhookReceiver.Delivery> atDrills = receiver.deliveries("/drills");
            assertEquals(
                    List.of("ds-h-drill", "ds-h-real"),
                    atDrills.stream().map(WebhookReceiver.Delivery::eventId).toList());
            assertEquals(drillBody, atDrills.get(0).body());
            assertEquals(realBody, atDrills.get(1).body());
            for (WebhookReceiver.Delivery d : atDrills) {
                assertTrue(
                        WebhookSignature.verify(
                                drillSecret,
                                d.headers().get("x-stormwatch-timestamp"),
                                d.body(),
                                d.headers().get("x-stormwatch-signature")),
                        "signed with the subscription's secret");
                assertEquals(drills, d.headers().get("x-stormwatch-subscription"));
            }

            // Drill reports: a drill request on drills.v1 goes to no one; the correlator's report to /reports only.
            RestAssured.given()
                    .header(Keys.HEADER, Keys.DR_LEAD)
                    .contentType("application/json")
                    .post("/api/v1/platforms/" + P + "/drills")
                    .then()
                    .statusCode(202);
            DrillReport report = DrillFixtures.report(P + "-d1", P, DrillState.COMPLETED, Duration.ofHours(8), 4);
            DrillFixtures.write(report);
            String reportBody = new String(
                    JsonCodec.toBytes(JsonCodec.envelope(
                            "drill:" + P + "-d1:4",
                            EventTypes.DRILL,
                            Samples.CORRELATOR,
                            P + "-d1",
                            DrillFixtures.STARTED,
                            true,
                            report)),
                    StandardCharsets.UTF_8);
            Eventually.until(
                    WAIT,
                    "report at /reports",
                    () -> !receiver.deliveries("/reports").isEmpty());
            List<WebhookReceiver.Delivery> atReports = receiver.deliveries("/reports");
            assertEquals(
                    List.of("drill:" + P + "-d1:4"),
                    atReports.stream().map(WebhookReceiver.Delivery::eventId).toList());
            assertEquals(reportBody, atReports.get(0).body());
            assertTrue(
                    WebhookSignature.verify(
                            reportSecret,
                            atReports.get(0).headers().get("x-stormwatch-timestamp"),
                            reportBody,
                            atReports.get(0).headers().get("x-stormwatch-signature")),
                    "signed with the subscription's secret");
            assertEquals(reports, atReports.get(0).headers().get("x-stormwatch-subscription"));
            // Nothing of drills.v1 reached the handover subscriptions.
            assertEquals(1, receiver.deliveries("/plain").size());
            assertEquals(2, receiver.deliveries("/drills").size());
            for (String id : List.of(plain, drills, reports)) {
                RestAssured.given()
                        .header(Keys.HEADER, Keys.ADMIN)
                        .delete("/api/v1/subscriptions/" + id)
                        .then()
                        .statusCode(204);
            }
        }
    }
}
