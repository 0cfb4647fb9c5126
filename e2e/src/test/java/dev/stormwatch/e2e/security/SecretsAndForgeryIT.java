package dev.stormwatch.e2e.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.e2e.support.Eventually;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.e2e.support.Topic;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.ServiceLayout;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Security on the packaged services and the real broker, with the installation's secrets known to the test: the Contoso
 * storage outage goes through the webhook (ingest token in the query string), pages the on-call engineer and the DR
 * lead on signed webhooks, the DR lead approves invoke-dr and a responder acknowledges through status-api (which calls
 * the notifier with the internal token). Forged credentials are refused at every door, and the refusals that the
 * services record are found where they record them. Last, no secret value appears anywhere in any service's log output
 * nor in the broker's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsAndForgeryIT {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** What the in-JVM broker logs during the run (it shares this JVM's log manager). */
    private static final List<String> BROKER_LOG = new CopyOnWriteArrayList<>();

    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    message += " " + p;
                }
            }
            BROKER_LOG.add(record.getLoggerName() + " " + message
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private static RunningSystem system;
    private static String jordanPageId;
    private static String priyaAckUrl;

    @BeforeAll
    static void start() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
        // Refused ack links are audited in aggregate once per period; a short period keeps the test quick.
        system =
                RunningSystem.start("security", Map.of("notifier:stormwatch.notifier.ack.refusals.report-every", "2s"));
        LocalDateTime now = LocalDateTime.now(SYDNEY).truncatedTo(ChronoUnit.MINUTES);
        system.publishContoso(yaml -> yaml.replace(
                "- { from: \"2026-12-24T18:00\", to: \"2026-12-27T09:00\", contact: sam }",
                "- { from: \"" + now.minusHours(1) + "\", to: \"" + now.plusHours(2) + "\", contact: jordan }"));
    }

    @AfterAll
    static void stop() {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
        }
    }

    @Test
    @Order(1)
    void storageOutageIsPagedDecidedAndAcknowledgedWithTheInstallationsSecrets() throws Exception {
        Response accepted = RestAssured.given()
                .baseUri(system.url(ServiceLayout.HEALTH_INGEST))
                .queryParam("token", RunningSystem.INGEST_TOKEN)
                .contentType("application/json")
                .body(storageOutage())
                .post("/api/v1/ingest/azure-monitor");
        assertEquals(202, accepted.statusCode(), accepted.asString());

        JsonNode jordan = page("/inbox/jordan");
        jordanPageId = jordan.path("data").path("items").get(0).path("pageId").asText();
        String decisionId = Eventually.await(
                "an open invoke-dr decision",
                WAIT,
                () -> {
                    JsonNode list = JsonCodec.fromJson(
                            status("dr-lead")
                                    .get("/api/v1/decisions?state=open")
                                    .asString(),
                            JsonNode.class);
                    for (JsonNode item : list.path("decisions")) {
                        if (item.path("decision").path("kind").asText().equals("invoke-dr")) {
                            return Optional.of(item.path("decision").path("id").asText());
                        }
                    }
                    return Optional.empty();
                },
                system::logs);
        JsonNode priya = page("/inbox/priya");
        priyaAckUrl = priya.path("data").path("items").get(0).path("ackUrl").asText();
        assertTrue(priyaAckUrl.startsWith(system.url(ServiceLayout.NOTIFIER) + "/ack/"), priyaAckUrl);

        Response approved = status("dr-lead")
                .contentType("application/json")
                .body("{\"reason\":\"Storage is down in the primary region\",\"evidence\":\"e2e security run\"}")
                .post("/api/v1/decisions/" + decisionId + "/approve");
        assertEquals(202, approved.statusCode(), approved.asString());
        // status-api → notifier with the internal token.
        Response acked = Eventually.await(
                "the responder's acknowledgement",
                WAIT,
                () -> {
                    Response r = status("responder").post("/api/v1/pages/" + jordanPageId + "/ack");
                    return r.statusCode() == 503 ? Optional.empty() : Optional.of(r);
                },
                system::logs);
        assertEquals(202, acked.statusCode(), acked.asString());
    }

    @Test
    @Order(2)
    void forgedCredentialsAreRefusedAndRecorded() throws Exception {
        String ingest = system.url(ServiceLayout.HEALTH_INGEST);
        String alert = storageOutage();
        int before = unauthenticatedCount();
        assertEquals(
                401,
                RestAssured.given()
                        .baseUri(ingest)
                        .contentType("application/json")
                        .body(alert)
                        .post("/api/v1/ingest/azure-monitor")
                        .statusCode(),
                "no token");
        assertEquals(
                401,
                RestAssured.given()
                        .baseUri(ingest)
                        .queryParam("token", "not-the-ingest-token")
                        .contentType("application/json")
                        .body(alert)
                        .post("/api/v1/ingest/azure-monitor")
                        .statusCode(),
                "wrong token");
        assertEquals(
                401,
                RestAssured.given()
                        .baseUri(ingest)
                        .header("X-Stormwatch-Token", RunningSystem.INGEST_TOKEN + "x")
                        .contentType("application/json")
                        .body("[]")
                        .post("/api/v1/ingest/events")
                        .statusCode(),
                "altered token");
        // health-ingest counts refused senders (metrics) and keeps them out of the DLQ: anonymous posts must not fill
        // it.
        assertEquals(before + 3, unauthenticatedCount(), "each refusal counted in /q/metrics");
        // A bearer token is checked by the JWT layer before the endpoint runs: refused there, so not in the endpoint's
        // count.
        assertEquals(
                401,
                RestAssured.given()
                        .baseUri(ingest)
                        .header("Authorization", "Bearer " + forgedJwt())
                        .contentType("application/json")
                        .body(alert)
                        .post("/api/v1/ingest/azure-monitor")
                        .statusCode(),
                "an Entra-ID-shaped token signed by a key that is not the tenant's");
        List<RejectedInput> dead = Topic.read(system.bootstrapServers(), Topics.HEALTH_EVENTS_DLQ.name()).stream()
                .map(e -> JsonCodec.data(e, RejectedInput.class))
                .toList();
        assertEquals(List.of(), dead, "unauthenticated posts are not dead-lettered");

        String notifier = system.url(ServiceLayout.NOTIFIER);
        for (String token : new String[] {null, "not-the-internal-token", RunningSystem.INTERNAL_TOKEN.toUpperCase()}) {
            RequestSpecification r = RestAssured.given()
                    .baseUri(notifier)
                    .contentType("application/json")
                    .body("{\"by\":\"mallory\",\"via\":\"dashboard\"}");
            if (token != null) {
                r.header("X-Stormwatch-Internal-Token", token);
            }
            Response answer = r.post("/api/v1/pages/" + jordanPageId + "/ack");
            assertEquals(
                    401,
                    answer.statusCode(),
                    "notifier ack API with internal token " + token + ": " + answer.asString());
        }
        // The DR lead's genuine link, its claims re-signed for another contact with a key that is not the notifier's.
        String token = priyaAckUrl.substring(priyaAckUrl.lastIndexOf('/') + 1);
        String claims = new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        ObjectNode forgedClaims = (ObjectNode) JsonCodec.fromJson(claims, JsonNode.class);
        forgedClaims.put("c", "mallory");
        byte[] payload = JsonCodec.toBytes(forgedClaims);
        String forged = b64(payload) + "." + b64(hmac("a-key-that-is-not-the-notifiers", payload));
        Response refused = RestAssured.given().baseUri(notifier).post("/ack/" + forged);
        assertEquals(403, refused.statusCode(), refused.asString());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertEquals(
                403,
                RestAssured.given().baseUri(notifier).post("/ack/" + tampered).statusCode(),
                "altered signature");
        // Refusals are audited in aggregate ("N refused acknowledge links from X in the last …"), never one record per
        // request, so the counts of the records add up to the two forged links.
        java.util.regex.Pattern count =
                java.util.regex.Pattern.compile("^\\d+ refused acknowledge links? from .* \\((\\d+) forged");
        List<AuditRecord> refusals = Eventually.await(
                "ack-refused audit records counting 2 forged links",
                WAIT,
                () -> {
                    List<AuditRecord> found = new ArrayList<>();
                    for (CloudEvent e : Topic.read(system.bootstrapServers(), Topics.AUDIT.name())) {
                        if (e.type().equals(EventTypes.AUDIT)) {
                            AuditRecord a = JsonCodec.data(e, AuditRecord.class);
                            if (a.action().equals("ack-refused")
                                    && count.matcher(a.detail()).find()) {
                                found.add(a);
                            }
                        }
                    }
                    int forgedCounted = found.stream()
                            .mapToInt(a -> {
                                java.util.regex.Matcher m = count.matcher(a.detail());
                                return m.find() ? Integer.parseInt(m.group(1)) : 0;
                            })
                            .sum();
                    return forgedCounted >= 2 ? Optional.of(found) : Optional.empty();
                },
                system::logs);
        assertEquals(
                2,
                refusals.stream()
                        .mapToInt(a -> {
                            java.util.regex.Matcher m = count.matcher(a.detail());
                            return m.find() ? Integer.parseInt(m.group(1)) : 0;
                        })
                        .sum(),
                "the aggregated records count exactly the two forged links: " + refusals);
        assertTrue(refusals.size() <= 2, "aggregated, not one record per request: " + refusals);

        String statusApi = system.url(ServiceLayout.STATUS_API);
        assertEquals(
                401,
                RestAssured.given().baseUri(statusApi).get("/api/v1/incidents").statusCode(),
                "no key");
        assertEquals(
                401,
                RestAssured.given()
                        .baseUri(statusApi)
                        .header("X-API-Key", "not-a-key")
                        .get("/api/v1/incidents")
                        .statusCode(),
                "unknown key");
        assertEquals(
                403,
                status("viewer")
                        .contentType("application/json")
                        .body("{\"reason\":\"x\"}")
                        .post("/api/v1/decisions/any/approve")
                        .statusCode(),
                "a viewer cannot decide");
        assertEquals(
                403,
                status("viewer").post("/api/v1/pages/" + jordanPageId + "/ack").statusCode(),
                "a viewer cannot acknowledge");
    }

    @Test
    @Order(3)
    void noSecretValueInAnyLog() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("ingest token", RunningSystem.INGEST_TOKEN);
        secrets.put("webhook secret", RunningSystem.WEBHOOK_SECRET);
        secrets.put("internal token", RunningSystem.INTERNAL_TOKEN);
        secrets.put("ack signing key", RunningSystem.ACK_SECRET);
        secrets.put("session key", RunningSystem.SESSION_KEY);
        RunningSystem.API_KEYS.forEach((role, key) -> secrets.put(role + " API key", key));
        Map<String, String> logs = new LinkedHashMap<>();
        for (Path file : system.logFiles()) {
            logs.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        logs.put("broker (in-JVM)", String.join("\n", BROKER_LOG));
        List<String> leaks = new ArrayList<>();
        logs.forEach((name, text) -> {
            assertTrue(
                    name.startsWith("broker") || text.length() > 1000,
                    name + " is a real log: " + text.length() + " chars");
            secrets.forEach((what, value) -> {
                int at = text.indexOf(value);
                if (at >= 0) {
                    leaks.add(what + " in " + name + ": …"
                            + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)));
                }
            });
        });
        assertEquals(List.of(), leaks, "secret values found in logs");
        assertEquals(ServiceLayout.ALL.size(), logs.size() - 1, "every service's log was scanned: " + logs.keySet());
    }

    private static JsonNode page(String path) {
        LocalInbox.Message m = Eventually.await(
                "a page on " + path,
                WAIT,
                () -> system.inbox().messages().stream()
                        .filter(x -> x.path().equals(path))
                        .findFirst(),
                system::logs);
        assertEquals(Boolean.TRUE, m.signatureValid(), "signed with the webhook secret: " + m.body());
        return JsonCodec.fromJson(m.body(), JsonNode.class);
    }

    private static RequestSpecification status(String role) {
        return RestAssured.given()
                .baseUri(system.url(ServiceLayout.STATUS_API))
                .header("X-API-Key", RunningSystem.API_KEYS.get(role));
    }

    private static int unauthenticatedCount() {
        String metrics = RestAssured.given()
                .baseUri(system.url(ServiceLayout.HEALTH_INGEST))
                .get("/q/metrics")
                .asString();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("stormwatch_ingest_events_total{") && line.contains("outcome=\"unauthenticated\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (int) total;
    }

    /** The repository's own common-alert-schema payload of the storage outage, its times set to now. */
    private static String storageOutage() throws Exception {
        return Files.readString(
                        RunningSystem.repo().resolve("deploy/scenarios/payloads/storage-outage-1-storage-active.json"))
                .replaceAll(
                        "\\{\\{t:[^}]+}}",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** An RS256 JWT with Entra ID's claims, signed by a fresh key no JWKS publishes. */
    private static String forgedJwt() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64(("{\"iss\":\"https://sts.windows.net/forged/\",\"aud\":\"api://stormwatch-health-ingest\","
                        + "\"sub\":\"mallory\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                        + ",\"roles\":[\"ingest\"]}")
                .getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64(rsa.sign());
    }

    private static byte[] hmac(String key, byte[] payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(payload);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
