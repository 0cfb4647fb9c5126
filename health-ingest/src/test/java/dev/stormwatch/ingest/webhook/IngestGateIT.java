package dev.stormwatch.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.ingest.JwksTestResource;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest doors are checked before a byte of the body is read: who is sending (shared secret, or an Entra ID token
 * carrying the action group's app role or an allowed client id), then the declared size against the endpoint's own cap.
 * Bodies are sent over a raw socket, only their first bytes, so that an answer can only come from a server that did not
 * wait for the rest.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
class IngestGateIT {

    private static final String WEBHOOK = "/api/v1/ingest/azure-monitor";
    private static final String EVENTS = "/api/v1/ingest/events";
    private static final String ISSUER = "https://sts.windows.net/stormwatch-test-tenant/";
    private static final long TEN_MB = 10L * 1024 * 1024;
    private static final int SENT = 16 * 1024;

    private static TopicProbe events;
    private static TopicProbe dlq;

    @Inject
    IngestMetrics metrics;

    @BeforeAll
    static void probes() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name());
        dlq = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS_DLQ.name());
    }

    @AfterAll
    static void close() {
        events.close();
        dlq.close();
    }

    @BeforeEach
    void mark() {
        events.mark();
        dlq.mark();
    }

    // ---- authenticate before reading, cap per endpoint --------------------------------------------------------

    @Test
    void unauthenticatedTenMegabyteBodyIsRefused401BeforeTheRestIsSent() throws IOException {
        double before = metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED);

        RawAnswer a = sendOnlyTheStart(WEBHOOK, Map.of(), TEN_MB);

        assertEquals(401, a.status(), a.text());
        assertTrue(a.text().contains("authentication required"), a.text());
        assertEquals(before + 1, metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED));
        assertEquals(List.of(), events.drain());
        assertEquals(List.of(), dlq.drain());
    }

    @Test
    void authenticatedBodyDeclaredOverTheWebhookCapIs413NamingTheLimitAndTheEndpointBeforeTheRestIsSent()
            throws IOException {
        double before = metrics.value("azure-monitor", IngestMetrics.Outcome.REJECTED);

        RawAnswer a = sendOnlyTheStart(WEBHOOK, Map.of(IngestAuthenticator.TOKEN_HEADER, "test-secret"), TEN_MB);

        assertEquals(413, a.status(), a.text());
        assertTrue(
                a.text()
                        .contains("\"message\":\"body of 10485760 bytes exceeds the limit of 262144 bytes for "
                                + WEBHOOK + " (stormwatch.ingest.body-limit.azure-monitor)\""),
                a.text());
        assertEquals(before + 1, metrics.value("azure-monitor", IngestMetrics.Outcome.REJECTED));
        assertEquals(List.of(), events.drain());
    }

    @Test
    void eachEndpointHasItsOwnCap() {
        byte[] body = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        Response webhook = RestAssured.given()
                .header(IngestAuthenticator.TOKEN_HEADER, "test-secret")
                .contentType("application/json")
                .body(body)
                .post(WEBHOOK);
        Response canonical = RestAssured.given()
                .header(IngestAuthenticator.TOKEN_HEADER, "test-secret")
                .contentType("application/json")
                .body(body)
                .post(EVENTS);

        assertEquals(413, webhook.statusCode(), webhook.asString());
        assertEquals(
                "body of " + body.length + " bytes exceeds the limit of 262144 bytes for " + WEBHOOK
                        + " (stormwatch.ingest.body-limit.azure-monitor)",
                webhook.jsonPath().getString("message"));
        // Under the canonical batches' 4 MiB: read, and refused for what it is, not for its size.
        assertEquals(400, canonical.statusCode(), canonical.asString());
    }

    // ---- Entra ID: the secure webhook's app role or an allowed client -------------------------------------------

    @Test
    void tokenWithTheActionGroupAppRoleIsAccepted() {
        Response r = RestAssured.given()
                .auth()
                .oauth2(token(Jwt.issuer(ISSUER)
                        .claim("roles", List.of("ActionGroupsSecureWebhook"))
                        .claim("appid", "461e8683-5575-4561-ac7f-899cc907d62a")))
                .contentType("application/json")
                .body("{}")
                .post(WEBHOOK);

        // Past the door: refused for its content, not for who sent it.
        assertEquals(400, r.statusCode(), r.asString());
    }

    @Test
    void tokenOfAnAllowedClientIdIsAcceptedAsAppidOrAzp() {
        Response v1 = RestAssured.given()
                .auth()
                .oauth2(token(Jwt.issuer(ISSUER).claim("appid", "trusted-logic-app")))
                .contentType("application/json")
                .body("{}")
                .post(WEBHOOK);
        Response v2 = RestAssured.given()
                .auth()
                .oauth2(token(Jwt.issuer(ISSUER).claim("azp", "trusted-logic-app")))
                .contentType("application/json")
                .body("{}")
                .post(WEBHOOK);

        assertEquals(400, v1.statusCode(), v1.asString());
        assertEquals(400, v2.statusCode(), v2.asString());
    }

    @Test
    void tokenOfTheSameTenantAndAudienceWithoutTheRoleOrAnAllowedClientIs403SayingWhatIsMissing() {
        double before = metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED);

        Response noRole = RestAssured.given()
                .auth()
                .oauth2(token(
                        Jwt.issuer(ISSUER).claim("roles", List.of("Reader")).claim("appid", "some-other-app")))
                .contentType("application/json")
                .body("{}")
                .post(WEBHOOK);
        Response nothing = RestAssured.given()
                .auth()
                .oauth2(token(Jwt.issuer(ISSUER)))
                .contentType("application/json")
                .body("{}")
                .post(WEBHOOK);

        assertEquals(403, noRole.statusCode(), noRole.asString());
        assertEquals(
                "the Entra ID token of client 'some-other-app' has neither the app role 'ActionGroupsSecureWebhook' "
                        + "nor a client id listed in stormwatch.ingest.auth.allowed-client-ids",
                noRole.jsonPath().getString("message"));
        assertEquals(403, nothing.statusCode(), nothing.asString());
        assertEquals(
                "the Entra ID token of client '(none)' has neither the app role 'ActionGroupsSecureWebhook' nor a "
                        + "client id listed in stormwatch.ingest.auth.allowed-client-ids",
                nothing.jsonPath().getString("message"));
        assertEquals(before + 2, metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED));
        assertEquals(List.of(), events.drain());
        assertEquals(List.of(), dlq.drain());
    }

    private static String token(JwtClaimsBuilder claims) {
        // Every principal of the tenant has a subject (its object id); smallrye-jwt refuses tokens without one.
        return claims.subject("11111111-2222-3333-4444-555555555555")
                .audience("api://stormwatch-test")
                .expiresIn(300)
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(JwksTestResource.privateKey());
    }

    private record RawAnswer(int status, String text) {}

    /**
     * Declares {@code declared} bytes, sends only the first 16 KiB and waits up to 5 s for an answer: a server that
     * reads the whole body before deciding never answers in that time.
     */
    private static RawAnswer sendOnlyTheStart(String path, Map<String, String> headers, long declared)
            throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5000);
            StringBuilder head = new StringBuilder(
                            "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ")
                    .append(declared)
                    .append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] start = new byte[SENT];
            Arrays.fill(start, (byte) ' ');
            start[0] = '{';
            out.write(start);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                fail("no answer within 5 s after " + SENT + " of " + declared
                        + " declared bytes: the server waits for the body; got '"
                        + got.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            String text = got.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 "), text);
            return new RawAnswer(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String lower = response.substring(0, end + 2).toLowerCase();
        int at = lower.indexOf("content-length: ");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(
                lower.substring(at + 16, lower.indexOf("\r\n", at)).trim());
        return response.length() - end - 4 >= length;
    }
}
