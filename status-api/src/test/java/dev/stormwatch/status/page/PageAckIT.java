package dev.stormwatch.status.page;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/pages/{pageId}/ack for responders, forwarded to the notifier's internal API: tested against a local HTTP
 * server standing in for the notifier (the port status-api was configured with).
 */
@QuarkusTest
class PageAckIT {

    /** One request the stand-in received. */
    record Received(String method, String path, String token, String contentType, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer notifier;

    @BeforeEach
    void startNotifierStandIn() throws IOException {
        notifier = HttpServer.create(
                new InetSocketAddress(
                        "127.0.0.1", Integer.parseInt(System.getProperty("status-api-test.notifier-port"))),
                0);
        notifier.createContext("/api/v1/pages/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("X-Stormwatch-Internal-Token"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            // pa-warming: a notifier still reading its pages at start answers 503 once, then takes the ack.
            boolean warming = path.contains("pa-warming")
                    && received.stream().filter(r -> r.path().equals(path)).count() == 1;
            int status = path.contains("pa-unknown")
                    ? 404
                    : path.contains("pa-acked") ? 409 : path.contains("pa-broken") ? 500 : warming ? 503 : 202;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        notifier.start();
    }

    @AfterEach
    void stopNotifierStandIn() {
        if (notifier != null) {
            notifier.stop(0);
        }
    }

    @Test
    void aResponderAcknowledgesThroughTheNotifier() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(202)
                .body("pageId", equalTo("pa-known"))
                .body("by", equalTo("on-call"))
                .body("via", equalTo("dashboard"));
        assertEquals(
                List.of(new Received(
                        "POST",
                        "/api/v1/pages/pa-known/ack",
                        "test-internal-token",
                        "application/json",
                        "{\"by\":\"on-call\",\"via\":\"dashboard\"}")),
                received);

        RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.of("alex@contoso.example", "responder"))
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(202)
                .body("by", equalTo("alex@contoso.example"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.DR_LEAD)
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(202);
    }

    @Test
    void theNotifiersAnswersBecome404And409And502() {
        Samples.writeNotification(Samples.notification(
                "pa-acked",
                "pa-platform",
                "pa-incident",
                "raj",
                "teams",
                1,
                dev.stormwatch.contracts.page.DeliveryResult.DELIVERED,
                null,
                MutableClock.START));
        Samples.writeAck("pa-acked", "pa-incident", "raj", "raj", "link", MutableClock.START.plusSeconds(30));
        Eventually.until(
                Duration.ofSeconds(10),
                "ack read",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/pages/pa-acked")
                                .jsonPath()
                                .getString("acknowledged.by")
                        != null);

        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-unknown/ack")
                .then()
                .statusCode(404)
                .body("error", equalTo("the notifier knows no page 'pa-unknown'"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-acked/ack")
                .then()
                .statusCode(409)
                .body("error", equalTo("page 'pa-acked' is already acknowledged by raj at 2026-11-22T10:00:30Z"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-broken/ack")
                .then()
                .statusCode(502)
                .body("error", equalTo("the notifier answered HTTP 500; the page is not acknowledged"));
        notifier.stop(0);
        notifier = null;
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(502)
                .body(
                        "error",
                        equalTo("the notifier at http://127.0.0.1:"
                                + System.getProperty("status-api-test.notifier-port")
                                + "/ could not be reached; the page is not acknowledged, try again"));
    }

    @Test
    void aNotifierNotReadyYetIsAskedAgainAndTakesTheAck() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-warming/ack")
                .then()
                .statusCode(202);
        assertEquals(
                List.of("/api/v1/pages/pa-warming/ack", "/api/v1/pages/pa-warming/ack"),
                received.stream().map(Received::path).toList(),
                "503 first, then the retry the notifier took");
    }

    @Test
    void aServerErrorIsNotRetried() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.RESPONDER)
                .post("/api/v1/pages/pa-broken/ack")
                .then()
                .statusCode(502);
        assertEquals(
                List.of("/api/v1/pages/pa-broken/ack"),
                received.stream().map(Received::path).toList(),
                "a 500 may have done something: asked once");
    }

    @Test
    void viewersAndAdminsCannotAcknowledge() {
        RestAssured.given().post("/api/v1/pages/pa-known/ack").then().statusCode(401);
        RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(403);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .post("/api/v1/pages/pa-known/ack")
                .then()
                .statusCode(403);
        assertEquals(List.of(), received);
    }
}
