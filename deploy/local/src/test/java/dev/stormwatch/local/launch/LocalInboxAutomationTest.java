package dev.stormwatch.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The local inbox as the local run's automation target: it answers an automated step's call (signed webhook or unsigned
 * runbook webhook), refuses a forged signature, runs each idempotency key once, and reports the outcome to the call's
 * callback URL signed with the call's callback key, as status-api checks it.
 */
class LocalInboxAutomationTest {

    static final String WEBHOOK_SECRET = "inbox-webhook-secret";
    static final String SHARED = "shared-callback-secret";

    record Callback(String path, String body, boolean verified) {}

    @Test
    void answersTheCallRunsEachKeyOnceAndCallsBackSigned() throws Exception {
        List<Callback> callbacks = new CopyOnWriteArrayList<>();
        HttpServer statusApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        statusApi.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestURI().getPath().substring("/api/v1/step-callbacks/".length());
            callbacks.add(new Callback(
                    exchange.getRequestURI().getPath(),
                    body,
                    StepCallback.verify(
                            SHARED,
                            key,
                            exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                            body.getBytes(StandardCharsets.UTF_8),
                            exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER))));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        statusApi.start();
        List<String> lines = new ArrayList<>();
        try (LocalInbox inbox = LocalInbox.start(0, 0, WEBHOOK_SECRET, lines::add)) {
            String callbackUrl = "http://127.0.0.1:" + statusApi.getAddress().getPort()
                    + "/api/v1/step-callbacks/inc-1-recovery-step-04";
            String call = JsonCodec.mapper()
                    .createObjectNode()
                    .put("idempotencyKey", "inc-1-recovery-step-04")
                    .put("step", "Enable the secondary integration runtime and linked services")
                    .set(
                            "callback",
                            JsonCodec.mapper()
                                    .createObjectNode()
                                    .put("url", callbackUrl)
                                    .put("key", StepCallback.callbackKey(SHARED, "inc-1-recovery-step-04")))
                    .toString();
            long ts = Instant.now().getEpochSecond();
            String url = inbox.url() + "/automation/adf-trigger";

            assertEquals(401, post(url, call, ts, "sha256=00"), "a forged signature is refused");
            assertEquals(
                    202,
                    post(url, call, ts, WebhookSignature.sign(WEBHOOK_SECRET, ts, call)),
                    "a new key: job started");
            assertEquals(
                    200,
                    post(url, call, ts, WebhookSignature.sign(WEBHOOK_SECRET, ts, call)),
                    "the same key: not run again");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (callbacks.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(2500);
            assertEquals(1, callbacks.size(), "one outcome for one key: " + callbacks);
            Callback outcome = callbacks.get(0);
            assertTrue(outcome.verified(), "signed with the call's callback key");
            JsonNode body = JsonCodec.mapper().readTree(outcome.body());
            assertEquals("succeeded", body.path("status").asText());
            assertEquals(
                    "Local automation job-1 (adf-trigger) completed: Enable the secondary integration runtime and "
                            + "linked services",
                    body.path("evidence").asText());
            assertEquals(
                    List.of("inc-1-recovery-step-04", "inc-1-recovery-step-04"),
                    inbox.automationCalls().stream()
                            .map(LocalInbox.Message::summary)
                            .toList());
            assertTrue(inbox.messages().isEmpty(), "automation calls are not pages");
        } finally {
            statusApi.stop(0);
        }
    }

    static int post(String url, String body, long ts, String signature) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
