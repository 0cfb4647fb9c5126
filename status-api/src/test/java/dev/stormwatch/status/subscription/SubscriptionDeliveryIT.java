package dev.stormwatch.status.subscription;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicReader;
import dev.stormwatch.status.kafka.KafkaSettings;
import dev.stormwatch.status.readmodel.ReadModelReplay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Downstream subscriptions end to end: created over REST, kept in subscriptions.v1, fed from handovers.v1 (and
 * incidents.v1) on the real broker, delivered to real HTTP receivers as signed CloudEvents, retried with back-off (test
 * profile: 5 attempts, 20 ms doubling), dead-lettered and visible, isolated from each other.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionDeliveryIT {

    static final String P = "sb-platform";
    static final String SECRET = "finance-shared-secret-0001";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KafkaSettings settings;

    @Inject
    SecretBox secrets;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final Map<String, String> ids = new HashMap<>();
    private boolean created;

    @BeforeEach
    void createSubscriptions() {
        MutableClock.INSTANCE.set(MutableClock.START);
        if (created) {
            return;
        }
        created = true;
        Samples.publishCatalog(P);
        Samples.publishCatalog("sb-other");
        Eventually.until(
                WAIT,
                "catalogs",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/platforms/sb-other")
                                .statusCode()
                        == 200);
        ids.put(
                "ok",
                create(
                        "finance-reporting",
                        receiver.add("/ok", n -> 200, 0),
                        SECRET,
                        List.of(P),
                        List.of(),
                        null,
                        null));
        ids.put(
                "flaky",
                create(
                        "ops-team",
                        receiver.add("/flaky", n -> n <= 3 ? 500 : 200, 0),
                        "flaky-secret-000000001",
                        List.of(P),
                        List.of(),
                        null,
                        null));
        ids.put(
                "down",
                create(
                        "ops-team",
                        receiver.add("/down", n -> 503, 0),
                        "down-secret-0000000001",
                        List.of(P),
                        List.of(),
                        null,
                        null));
        ids.put(
                "slow",
                create(
                        "ops-team",
                        receiver.add("/slow", n -> 200, 1500),
                        "slow-secret-0000000001",
                        List.of(P),
                        List.of(),
                        null,
                        null));
        ids.put(
                "drills",
                create(
                        "ops-team",
                        receiver.add("/drills", n -> 200, 0),
                        "drill-secret-000000001",
                        List.of(P),
                        List.of(),
                        null,
                        true));
        ids.put(
                "incidents",
                create(
                        "ops-team",
                        receiver.add("/incidents", n -> 200, 0),
                        "incid-secret-000000001",
                        List.of(),
                        List.of("storage"),
                        List.of("incident"),
                        null));
    }

    @AfterAll
    void stopReceivers() {
        receiver.close();
    }

    static String create(
            String owner,
            String url,
            String secret,
            List<String> platforms,
            List<String> components,
            List<String> types,
            Boolean drills) {
        Map<String, Object> body = new HashMap<>(
                Map.of("owner", owner, "url", url, "secret", secret, "platforms", platforms, "components", components));
        if (types != null) {
            body.put("eventTypes", types);
        }
        if (drills != null) {
            body.put("drills", drills);
        }
        String response = RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .body("owner", equalTo(owner))
                .body("url", equalTo(url))
                .body("secretSet", equalTo(true))
                .body("createdBy", equalTo("admin"))
                .body("createdAt", equalTo("2026-11-22T10:00:00Z"))
                .extract()
                .asString();
        assertFalse(response.contains(secret), "the secret is never returned");
        String id = JsonCodec.fromJson(response, JsonNode.class).path("id").asText();
        Eventually.until(
                WAIT,
                "subscription " + id + " read back",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.ADMIN)
                                .get("/api/v1/subscriptions/" + id)
                                .statusCode()
                        == 200);
        return id;
    }

    static Handover handover(String id, String platformId, boolean drill) {
        return Samples.handover(id, platformId, "storage", "sb-incident", Instant.parse("2026-11-22T11:00:00Z"), drill);
    }

    @Test
    void deliveriesAreSignedCloudEventsAndASlowSubscriberDelaysNoOne() {
        Samples.writeHandover(handover("sb-h-1", P, false));

        WebhookReceiver.Delivery ok = Eventually.get(
                WAIT,
                "delivery to /ok",
                () -> receiver.deliveries("/ok").stream()
                        .filter(d -> d.body().contains("sb-h-1"))
                        .findFirst()
                        .orElse(null));
        assertEquals("application/cloudevents+json; charset=utf-8", ok.headers().get("content-type"));
        assertTrue(
                WebhookSignature.verify(
                        SECRET,
                        ok.headers().get("x-stormwatch-timestamp"),
                        ok.body(),
                        ok.headers().get("x-stormwatch-signature")),
                "signed with the subscription's secret");
        assertEquals(ids.get("ok"), ok.headers().get("x-stormwatch-subscription"));
        assertEquals("1", ok.headers().get("x-stormwatch-delivery-attempt"));
        CloudEvent event = JsonCodec.fromJson(ok.body(), CloudEvent.class);
        assertEquals("sb-h-1", event.id());
        assertEquals(EventTypes.HANDOVER, event.type());
        assertEquals(handover("sb-h-1", P, false), JsonCodec.data(event, Handover.class));

        WebhookReceiver.Delivery slow = Eventually.get(
                WAIT,
                "delivery to /slow",
                () -> receiver.deliveries("/slow").stream()
                        .filter(d -> d.body().contains("sb-h-1"))
                        .findFirst()
                        .orElse(null));
        // The slow receiver holds each request for 1.5 s; /ok got its copy before that request was answered.
        assertTrue(ok.at().isBefore(slow.at().plusMillis(1500)), "ok at " + ok.at() + ", slow started at " + slow.at());

        Eventually.assertThat(
                WAIT,
                () -> RestAssured.given()
                        .header(Keys.HEADER, Keys.ADMIN)
                        .get("/api/v1/subscriptions/" + ids.get("ok"))
                        .then()
                        .body("delivery.delivered", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                        .body("delivery.failedAttempts", equalTo(0))
                        .body("deadLetters", equalTo(0)));
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventExactlyOnceMore() throws InterruptedException {
        Samples.writeHandover(handover("sb-h-2", P, false));

        Eventually.until(
                WAIT,
                "four attempts at /flaky",
                () -> attempts("/flaky", "sb-h-2").size() == 4);
        Thread.sleep(1000);
        List<WebhookReceiver.Delivery> attempts = attempts("/flaky", "sb-h-2");
        assertEquals(
                List.of(500, 500, 500, 200),
                attempts.stream().map(WebhookReceiver.Delivery::answered).toList());
        assertEquals(
                List.of("1", "2", "3", "4"),
                attempts.stream()
                        .map(d -> d.headers().get("x-stormwatch-delivery-attempt"))
                        .toList());
        assertEquals(
                1,
                attempts.stream().map(WebhookReceiver.Delivery::body).distinct().count(),
                "the same event, byte for byte");
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions/" + ids.get("flaky"))
                .then()
                .body("delivery.delivered", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("delivery.lastError", containsString("HTTP 500 from http://127.0.0.1:"))
                .body("deadLetters", equalTo(0));
    }

    @Test
    void aReceiverThatAlwaysFailsEndsInTheDeadLetterList() {
        Samples.writeHandover(handover("sb-h-3", P, false));

        Eventually.assertThat(
                WAIT,
                () -> RestAssured.given()
                        .header(Keys.HEADER, Keys.ADMIN)
                        .get("/api/v1/subscriptions/" + ids.get("down") + "/dead-letters")
                        .then()
                        .statusCode(200)
                        .body("eventId", org.hamcrest.Matchers.hasItem("sb-h-3")));
        assertEquals(5, attempts("/down", "sb-h-3").size());
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions/" + ids.get("down") + "/dead-letters")
                .then()
                .body("find { it.eventId == 'sb-h-3' }.attempts", equalTo(5))
                .body("find { it.eventId == 'sb-h-3' }.eventType", equalTo(EventTypes.HANDOVER))
                .body("find { it.eventId == 'sb-h-3' }.lastError", containsString("HTTP 503 from http://127.0.0.1:"))
                .body("find { it.eventId == 'sb-h-3' }.lastError", containsString("for event sb-h-3"))
                .body("find { it.eventId == 'sb-h-3' }.event.data.componentId", equalTo("storage"))
                .body("find { it.eventId == 'sb-h-3' }.source", org.hamcrest.Matchers.startsWith("handovers.v1/"));
        List<TopicReader.Read> letters = TopicReader.await(
                Topics.SUBSCRIPTIONS, 1, WAIT, r -> (ids.get("down") + "/dead-letter/sb-h-3").equals(r.key()));
        assertEquals(EventTypes.SUBSCRIPTION_DEAD_LETTER, letters.get(0).event().type());
    }

    @Test
    void drillsOnlyReachSubscribersThatOptedInAndFiltersHold() {
        Samples.writeHandover(handover("sb-h-drill", P, true));
        Samples.writeHandover(handover("sb-h-elsewhere", "sb-other", false));
        Samples.writeIncident(Samples.incident(
                "sb-incident-1",
                "sb-other",
                IncidentState.OPEN,
                Severity.SEV2,
                MutableClock.START,
                1,
                List.of("storage"),
                false));

        Eventually.until(
                WAIT,
                "drill at /drills",
                () -> !attempts("/drills", "sb-h-drill").isEmpty());
        Eventually.until(
                WAIT,
                "incident at /incidents",
                () -> !attempts("/incidents", "incident:sb-incident-1:1").isEmpty());
        // A later, ordinary handover reaches /ok: by then the drill and the other platform's handover were passed over.
        Samples.writeHandover(handover("sb-h-after", P, false));
        Eventually.until(
                WAIT, "sb-h-after at /ok", () -> !attempts("/ok", "sb-h-after").isEmpty());
        assertEquals(List.of(), attempts("/ok", "sb-h-drill"));
        assertEquals(List.of(), attempts("/ok", "sb-h-elsewhere"));
        assertEquals(List.of(), attempts("/incidents", "sb-h-after"), "an incident subscription gets no handovers");
        JsonNode drill =
                JsonCodec.fromJson(attempts("/drills", "sb-h-drill").get(0).body(), JsonNode.class);
        assertTrue(drill.path("drill").asBoolean());
    }

    @Test
    void aTeamSeesOnlyItsOwnSubscriptionsAndNoSecretIsEverShownOrStoredInTheClear() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.FINANCE)
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(200)
                .body("id", contains(ids.get("ok")));
        RestAssured.given()
                .header(Keys.HEADER, Keys.FINANCE)
                .get("/api/v1/subscriptions/" + ids.get("flaky"))
                .then()
                .statusCode(404);
        RestAssured.given()
                .header(Keys.HEADER, Keys.FINANCE)
                .get("/api/v1/subscriptions/" + ids.get("down") + "/dead-letters")
                .then()
                .statusCode(404);
        String all = RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems(ids.values().toArray(new String[0])))
                .extract()
                .asString();
        for (String secret : List.of(SECRET, "flaky-secret-000000001", "down-secret-0000000001")) {
            assertFalse(all.contains(secret));
        }
        for (TopicReader.Read r : TopicReader.all(Topics.SUBSCRIPTIONS)) {
            if (r.value() != null) {
                assertFalse(new String(r.value(), StandardCharsets.UTF_8).contains(SECRET), "record " + r.key());
            }
        }
    }

    @Test
    void subscriptionsAndDeadLettersSurviveARestart() throws InterruptedException {
        Samples.writeHandover(handover("sb-h-restart", P, false));
        Eventually.until(
                WAIT,
                "a dead letter exists",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.ADMIN)
                                .get("/api/v1/subscriptions/" + ids.get("down"))
                                .jsonPath()
                                .getInt("deadLetters")
                        > 0);
        SubscriptionView fresh = new SubscriptionView(changed -> {});
        ReadModelReplay replay =
                new ReadModelReplay(settings, List.of(fresh), List.of(), c -> {}, new SimpleMeterRegistry());
        replay.start();
        try {
            Eventually.until(WAIT, "rebuilt", replay::caughtUp);
            Subscription ok = fresh.subscription(ids.get("ok")).orElseThrow();
            assertEquals("finance-reporting", ok.owner());
            assertEquals(List.of(P), ok.platforms());
            assertEquals(SECRET, secrets.open(ok.id(), ok.encryptedSecret()));
            assertFalse(fresh.deadLetters(ids.get("down")).isEmpty());
            assertTrue(fresh.status(ids.get("ok")).delivered() >= 1);
        } finally {
            replay.stop();
        }
    }

    @Test
    void invalidRequestsAreRejectedWithEveryProblemAndOnlyAdminsCreate() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(Map.of(
                        "url",
                        "ftp://files.example",
                        "secret",
                        "short",
                        "eventTypes",
                        List.of("weather"),
                        "platforms",
                        List.of("nope"),
                        "components",
                        List.of("ghost")))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("error", equalTo("the subscription is invalid"))
                .body(
                        "problems.path",
                        contains("owner", "url", "secret", "eventTypes", "platforms[0]", "components[0]"))
                .body(
                        "problems.message",
                        contains(
                                "required: the subscriber team's identity, letters, digits, . _ @ - (at most 128)",
                                "must be an absolute http or https URL with a host",
                                "required: 16 to 512 characters",
                                "'weather' is not one of decision, dr-run-completed, drill, handover, incident",
                                "unknown platform 'nope'",
                                "no platform of [nope] has a component 'ghost'"));
        Map<String, Object> valid = Map.of("owner", "x", "url", "http://127.0.0.1:1/x", "secret", "0123456789abcdef");
        RestAssured.given()
                .contentType("application/json")
                .body(valid)
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(401);
        for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.DR_LEAD, Keys.FINANCE)) {
            RestAssured.given()
                    .header(Keys.HEADER, key)
                    .contentType("application/json")
                    .body(valid)
                    .post("/api/v1/subscriptions")
                    .then()
                    .statusCode(403);
        }
        RestAssured.given()
                .header(Keys.HEADER, Keys.FINANCE)
                .delete("/api/v1/subscriptions/" + ids.get("ok"))
                .then()
                .statusCode(403);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .delete("/api/v1/subscriptions/sub-nope")
                .then()
                .statusCode(404);
    }

    @Test
    void aDeletedSubscriptionIsGoneAndGetsNothingMore() {
        String id = create(
                "ops-team",
                receiver.add("/deleted", n -> 200, 0),
                "gone-secret-00000000001",
                List.of(P),
                List.of(),
                null,
                null);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .delete("/api/v1/subscriptions/" + id)
                .then()
                .statusCode(204);
        Eventually.until(
                WAIT,
                "gone",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.ADMIN)
                                .get("/api/v1/subscriptions/" + id)
                                .statusCode()
                        == 404);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions")
                .then()
                .body("id", not(org.hamcrest.Matchers.hasItem(id)));
        TopicReader.await(Topics.SUBSCRIPTIONS, 1, WAIT, r -> id.equals(r.key()) && r.value() == null);
        Samples.writeHandover(handover("sb-h-late", P, false));
        Eventually.until(
                WAIT, "sb-h-late at /ok", () -> !attempts("/ok", "sb-h-late").isEmpty());
        assertEquals(List.of(), attempts("/deleted", "sb-h-late"));
    }

    private List<WebhookReceiver.Delivery> attempts(String path, String eventId) {
        return receiver.deliveries(path).stream()
                .filter(d -> eventId.equals(d.eventId()))
                .toList();
    }
}
