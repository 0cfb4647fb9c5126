package dev.stormwatch.notifier.app;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.local.KafkaBrokerTestResource;
import dev.stormwatch.notifier.ack.AckClaims;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.channel.ChannelFixtures;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.email.EmailChannel;
import dev.stormwatch.notifier.channel.email.GreenMailTestResource;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.WebhookReceiver;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier as it runs: Quarkus, Kafka Streams on the real broker (deploy-local), a real SMTP server (GreenMail) and
 * a webhook receiver that verifies signatures. An incident on {@code incidents.v1} pages level 1 on the signed webhook;
 * its acknowledge link shows and acknowledges the page, refuses forged, expired and replayed links; status-api's
 * internal API acknowledges; level 2 reaches email after its delay.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
class NotifierApplicationIT {

    static WebhookReceiver receiver;

    @GreenMailTestResource.InjectGreenMail
    GreenMail greenMail;

    @Inject
    ReactiveMailer mailer;

    @Inject
    io.vertx.core.Vertx vertx;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void receiver() throws IOException {
        receiver = new WebhookReceiver("test-webhook-secret");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static Catalog catalog(String platform, String after) {
        try (InputStream in = NotifierApplicationIT.class.getResourceAsStream("/catalogs/app.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("PLATFORM", platform)
                    .replace("RECEIVER", receiver.url(""))
                    .replace("AFTER", after);
            return CatalogLoader.parse("app.yaml", yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for bob's page of {@code pageId} at the receiver and returns its acknowledge token. */
    static String awaitPageToken(String pageId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Delivery r : receiver.deliveries("/inbox/bob")) {
                JsonNode item = JsonCodec.mapper()
                        .readTree(r.body())
                        .path("data")
                        .path("items")
                        .get(0);
                if (item != null && pageId.equals(item.path("pageId").asText())) {
                    assertTrue(r.verified(), "the page's signature verifies at the receiver");
                    String url = item.path("ackUrl").asText();
                    return url.substring(url.indexOf("/ack/") + 5);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no page " + pageId + " reached the receiver; got "
                + receiver.deliveries().size());
    }

    static boolean delivered(List<CloudEvent> events, String pageId) {
        return events.stream()
                .filter(e -> EventTypes.NOTIFICATION.equals(e.type()))
                .map(e -> JsonCodec.data(e, Notification.class))
                .anyMatch(n -> n.pageId().equals(pageId) && n.result() == DeliveryResult.DELIVERED);
    }

    @Test
    void emailGoesOutOverSmtpWithTheMessageAndItsAcknowledgeLink() throws Exception {
        // Generous bounds: CI machines are loaded 2-core boxes, and the first mail opens the SMTP connection pool.
        ChannelResult result = new EmailChannel(mailer, vertx, Duration.ofSeconds(60))
                .send(ChannelFixtures.outgoing("email", "alex@example.test", null, Instant.now()))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(ChannelResult.delivered("accepted by the SMTP server"), result);
        assertTrue(greenMail.waitForIncomingEmail(30_000, 1));
        MimeMessage mail = null;
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains("alex@example.test")) {
                mail = m;
            }
        }
        assertTrue(mail != null, "the message reached alex's mailbox");
        assertEquals("Incident (sev1), level 1: Storage outage in Australia East", mail.getSubject());
        assertEquals("d-0123456789abcdef01234567", mail.getHeader("X-Stormwatch-Delivery-Id")[0]);
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("You are paged at escalation level 1 for Contoso Data Platform"), body);
        assertTrue(body.contains(ChannelFixtures.ACK_URL), body);
    }

    @Test
    void anIncidentPagesOnTheSignedWebhookAndItsLinkAcknowledgesOnceOnly() throws Exception {
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(catalog("app-link", "1h"), "catalog-app-link");
            kafka.publishIncident(BrokerClient.incident("inc-link", "app-link", Severity.SEV1, 1));
            String token = awaitPageToken("inc-link.l1.r0");
            kafka.readUntil(
                    Topics.NOTIFICATIONS.name(), events -> delivered(events, "inc-link.l1.r0"), Duration.ofSeconds(60));

            RestAssured.given()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString(
                            "stormwatch_notifier_deliveries_total{channel=\"webhook\",result=\"delivered\"}"));
            // GET shows what is acknowledged, with the button
            RestAssured.given()
                    .get("/ack/" + token)
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.HTML)
                    .body(containsString("Acknowledge this page?"))
                    .body(containsString("inc-link.l1.r0"))
                    .body(containsString("Storage outage in Australia East"))
                    .body(containsString("<form method=\"post\""));
            // POST acknowledges
            RestAssured.given()
                    .post("/ack/" + token)
                    .then()
                    .statusCode(200)
                    .body(containsString("the page is acknowledged and the escalation stops"));
            // the same link again: refused
            RestAssured.given().post("/ack/" + token).then().statusCode(409).body(containsString("Link already used"));
            RestAssured.given()
                    .get("/ack/" + token)
                    .then()
                    .statusCode(200)
                    .body(containsString("Already acknowledged"))
                    .body(containsString("by bob at"));

            List<CloudEvent> acks = kafka.readUntil(
                    Topics.ACKS.name(),
                    events -> events.stream().anyMatch(e -> e.subject().equals("inc-link.l1.r0")),
                    Duration.ofSeconds(60));
            List<Ack> forPage = acks.stream()
                    .map(e -> JsonCodec.data(e, Ack.class))
                    .filter(a -> a.pageId().equals("inc-link.l1.r0"))
                    .toList();
            assertEquals(1, forPage.size(), "one acknowledgement, however often the link is used");
            assertEquals("bob", forPage.get(0).by());
            assertEquals("link", forPage.get(0).via());
            assertEquals("inc-link", forPage.get(0).subjectId());
            // the escalation topology applied it
            List<CloudEvent> audit = kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> events.stream()
                            .map(e -> JsonCodec.data(e, AuditRecord.class))
                            .anyMatch(a -> a.action().equals("page-acknowledged")
                                    && a.actor().equals("notifier")
                                    && a.subjectId().equals("inc-link")),
                    Duration.ofSeconds(60));
            assertTrue(
                    audit.stream()
                            .map(e -> JsonCodec.data(e, AuditRecord.class))
                            .anyMatch(a -> a.action().equals("page-acknowledged")
                                    && a.actor().equals("bob")),
                    "the link's acknowledgement is in the audit trail under the person's name");
        }
    }

    @Test
    void forgedAndExpiredLinksAreRefused() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        AckTokens tokens = new AckTokens("test-ack-secret-0123456789");
        String valid = tokens.issue(
                new AckClaims("inc-x.l1.r0", "app-link", "bob", Instant.now().plusSeconds(3600), "n1"));
        String tampered = valid.substring(0, 10) + (valid.charAt(10) == 'A' ? 'B' : 'A') + valid.substring(11);
        RestAssured.given().post("/ack/" + tampered).then().statusCode(403).body(containsString("Link not valid"));
        String otherKey = new AckTokens("some-other-secret-9876543210")
                .issue(new AckClaims(
                        "inc-x.l1.r0", "app-link", "bob", Instant.now().plusSeconds(3600), "n2"));
        RestAssured.given()
                .get("/ack/" + otherKey)
                .then()
                .statusCode(403)
                .body(containsString("was not issued by this notifier or was altered"));
        RestAssured.given().post("/ack/not-a-token").then().statusCode(403);
        String expired = tokens.issue(
                new AckClaims("inc-x.l1.r0", "app-link", "bob", Instant.now().minusSeconds(1), "n3"));
        RestAssured.given().post("/ack/" + expired).then().statusCode(410).body(containsString("Link expired"));
        // a valid link to a page this notifier never sent
        RestAssured.given().post("/ack/" + valid).then().statusCode(404).body(containsString("Unknown page"));

        // Refusals are evidence in audit.v1, in aggregate: one record per client per report (every 2 s in tests).
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            java.util.function.Function<List<CloudEvent>, List<AuditRecord>> refusals = events -> events.stream()
                    .map(e -> JsonCodec.data(e, AuditRecord.class))
                    .filter(a -> a.action().equals("ack-refused") && !a.at().isBefore(start))
                    .toList();
            List<CloudEvent> audit = kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> tally(refusals.apply(events), "forged") >= 3
                            && tally(refusals.apply(events), "expired") >= 1,
                    Duration.ofSeconds(60));
            List<AuditRecord> refused = refusals.apply(audit);
            assertEquals(3, tally(refused, "forged"));
            assertEquals(1, tally(refused, "expired"));
            for (AuditRecord a : refused) {
                assertEquals("unknown anonymous", a.platformId() + " " + a.actor());
                assertTrue(
                        a.detail()
                                .matches("\\d+ refused acknowledge links? from 127\\.0\\.0\\.1 in the last 2 s "
                                        + "\\(.*\\); last: .*"),
                        a.detail());
            }
        }
    }

    /** The refusals of one reason that aggregated audit records carry ("… (3 forged, 1 expired); last: …"). */
    private static int tally(List<AuditRecord> records, String reason) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("[(, ](\\d+) " + reason + "[,)]");
        int n = 0;
        for (AuditRecord a : records) {
            java.util.regex.Matcher m =
                    p.matcher(a.detail().substring(0, a.detail().indexOf("); last: ") + 1));
            if (m.find()) {
                n += Integer.parseInt(m.group(1));
            }
        }
        return n;
    }

    @Test
    void statusApiAcknowledgesThroughTheInternalApi() throws Exception {
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(catalog("app-api", "1h"), "catalog-app-api");
            kafka.publishIncident(BrokerClient.incident("inc-api", "app-api", Severity.SEV2, 1));
            awaitPageToken("inc-api.l1.r0");
            String body = "{\"by\": \"dana\", \"via\": \"dashboard\"}";
            RestAssured.given()
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/pages/inc-api.l1.r0/ack")
                    .then()
                    .statusCode(401);
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "wrong")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/pages/inc-api.l1.r0/ack")
                    .then()
                    .statusCode(401);
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/pages/nope.l1.r0/ack")
                    .then()
                    .statusCode(404)
                    .body("detail", equalTo("this notifier has sent no page nope.l1.r0"));
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .contentType(ContentType.JSON)
                    .body("{\"via\": \"dashboard\"}")
                    .post("/api/v1/pages/inc-api.l1.r0/ack")
                    .then()
                    .statusCode(400)
                    .body("detail", containsString("'by' is missing"));
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/pages/inc-api.l1.r0/ack")
                    .then()
                    .statusCode(202)
                    .body("by", equalTo("dana"))
                    .body("via", equalTo("dashboard"));
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/pages/inc-api.l1.r0/ack")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("was acknowledged by dana"));
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .get("/api/v1/pages/inc-api.l1.r0")
                    .then()
                    .statusCode(200)
                    .body("acknowledged", equalTo(true))
                    .body("acknowledgedBy", equalTo("dana"))
                    .body("subjectId", equalTo("inc-api"));
        }
    }

    @Test
    void twoAcknowledgementsOfOnePage_theFirstStopsItAndTheOtherIsRecordedAsIgnoredNamingTheFirst() throws Exception {
        String page = "inc-twice.l1.r0";
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(catalog("app-twice", "1h"), "catalog-app-twice");
            kafka.publishIncident(BrokerClient.incident("inc-twice", "app-twice", Severity.SEV2, 1));
            awaitPageToken(page);
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .contentType(ContentType.JSON)
                    .body("{\"by\": \"dana\", \"via\": \"dashboard\"}")
                    .post("/api/v1/pages/" + page + "/ack")
                    .then()
                    .statusCode(202);
            // Another notifier instance, which had not read dana's acknowledgement yet, acknowledged for erin as well.
            Ack erin = new Ack(page, "inc-twice", null, "erin", "dashboard", Instant.now());
            kafka.send(
                    Topics.ACKS.name(),
                    page,
                    JsonCodec.envelope(
                            "ack/" + page + "/" + java.util.UUID.randomUUID(),
                            EventTypes.ACK,
                            "/stormwatch/notifier",
                            page,
                            erin.at(),
                            false,
                            erin));

            List<CloudEvent> acks = kafka
                    .readUntil(
                            Topics.ACKS.name(),
                            events -> events.stream()
                                            .filter(e -> page.equals(e.subject()))
                                            .count()
                                    == 2,
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(e -> page.equals(e.subject()))
                    .toList();
            Ack dana = JsonCodec.data(acks.get(0), Ack.class);
            assertEquals("dana", dana.by());
            assertTrue(
                    acks.get(0).id().matches("ack/" + java.util.regex.Pattern.quote(page) + "/[0-9a-f-]{36}"),
                    acks.get(0).id());
            String ackId = acks.get(0).id().substring("ack/".length());

            List<CloudEvent> audit = kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> events.stream()
                            .anyMatch(e -> e.data().path("action").asText().equals("ack-ignored")
                                    && e.data().path("subjectId").asText().equals("inc-twice")),
                    Duration.ofSeconds(60));
            List<AuditRecord> trail = audit.stream()
                    .map(e -> JsonCodec.data(e, AuditRecord.class))
                    .filter(a -> "inc-twice".equals(a.subjectId()))
                    .toList();
            assertEquals(
                    List.of("acknowledgement of " + page + " by erin ignored: already acknowledged by dana at "
                            + dana.at()),
                    trail.stream()
                            .filter(a -> a.action().equals("ack-ignored"))
                            .map(AuditRecord::detail)
                            .toList());
            assertEquals(
                    1,
                    trail.stream()
                            .filter(a -> a.action().equals("page-acknowledged")
                                    && a.actor().equals("notifier"))
                            .count(),
                    "one acknowledgement stopped the page");
            CloudEvent danaAudit = audit.stream()
                    .filter(e -> e.data().path("action").asText().equals("page-acknowledged")
                            && e.data().path("actor").asText().equals("dana"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("audit/ack/" + ackId, danaAudit.id(), "the evidence of an acknowledgement shares its id");
            RestAssured.given()
                    .header("X-Stormwatch-Internal-Token", "test-internal-token")
                    .get("/api/v1/pages/" + page)
                    .then()
                    .statusCode(200)
                    .body("acknowledgedBy", equalTo("dana"));
        }
    }

    @Test
    void levelTwoReachesEmailAfterLevelOnesDelayOnTheRealClock() throws Exception {
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(catalog("app-mail", "3s"), "catalog-app-mail");
            kafka.publishIncident(BrokerClient.incident("inc-mail", "app-mail", Severity.SEV1, 1));
            awaitPageToken("inc-mail.l1.r0");
            Instant bob = receiver.deliveries("/inbox/bob").stream()
                    .filter(r -> r.body().contains("inc-mail.l1.r0"))
                    .findFirst()
                    .orElseThrow()
                    .at();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            MimeMessage toCarol = null;
            while (toCarol == null && System.nanoTime() < deadline) {
                for (MimeMessage m : greenMail.getReceivedMessages()) {
                    if (m.getSubject().equals("Incident (sev1), level 2: Storage outage in Australia East")
                            && GreenMailUtil.getAddressList(m.getAllRecipients())
                                    .equals("carol@example.test")) {
                        toCarol = m;
                    }
                }
                Thread.sleep(50);
            }
            assertTrue(toCarol != null, "carol was paged by email at level 2");
            long gap = Duration.between(bob, Instant.now()).toMillis();
            // Never early; how late depends on the machine's load, so the upper bound only catches a timer that never
            // fired.
            assertTrue(gap >= 2_900 && gap <= 45_000, "level 2 came " + gap + " ms after level 1; the level waits 3 s");
            assertEquals("carol@example.test", GreenMailUtil.getAddressList(toCarol.getAllRecipients()));
        }
    }

    @Test
    void healthAndMetricsAreServed() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/pages/{pageId}/ack"));
    }

    /** Subject, every header, the plain text and the HTML of a mail, decoded. */
    static String everything(MimeMessage mail) throws Exception {
        StringBuilder all = new StringBuilder(mail.getSubject()).append('\n');
        java.util.Enumeration<jakarta.mail.Header> headers = mail.getAllHeaders();
        while (headers.hasMoreElements()) {
            jakarta.mail.Header h = headers.nextElement();
            all.append(h.getName()).append(": ").append(h.getValue()).append('\n');
        }
        return all.append(part(mail, "text/plain"))
                .append('\n')
                .append(part(mail, "text/html"))
                .toString();
    }

    static String part(jakarta.mail.Part p, String type) throws Exception {
        if (p.isMimeType(type)) {
            return (String) p.getContent();
        }
        if (p.isMimeType("multipart/*")) {
            jakarta.mail.Multipart mp = (jakarta.mail.Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String found = part(mp.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    MimeMessage awaitMail(String to) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (GreenMailUtil.getAddressList(m.getAllRecipients()).equals(to)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to);
    }

    @Test
    void aDrillEmailSaysSoEverywhereAndARealOneNeverMentionsDrills() throws Exception {
        EmailChannel email = new EmailChannel(mailer, vertx, Duration.ofSeconds(30));
        for (boolean drill : new boolean[] {false, true}) {
            String to = drill ? "drill-reader@example.test" : "real-reader@example.test";
            ChannelResult r = email.send(ChannelFixtures.outgoing("email", to, null, Instant.now(), drill))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertEquals(ChannelResult.delivered("accepted by the SMTP server"), r);
        }
        MimeMessage real = awaitMail("real-reader@example.test");
        assertEquals("Incident (sev1), level 1: Storage outage in Australia East", real.getSubject());
        assertEquals(
                "You are paged at escalation level 1 for Contoso Data Platform: Storage outage in Australia East.",
                part(real, "text/plain").lines().findFirst().orElseThrow());
        String realAll = everything(real);
        assertFalse(realAll.toLowerCase(java.util.Locale.ROOT).contains("drill"), realAll);

        MimeMessage drill = awaitMail("drill-reader@example.test");
        assertEquals("[DRILL] Incident (sev1), level 1: Storage outage in Australia East", drill.getSubject());
        assertEquals(
                "DR drill \u2014 a rehearsal, not an outage. No customer impact.",
                part(drill, "text/plain").lines().findFirst().orElseThrow());
        assertTrue(
                part(drill, "text/html")
                        .startsWith("<html><body style=\"font-family:sans-serif\"><p><strong>DR drill"
                                + " \u2014 a rehearsal, not an outage. No customer "
                                + "impact.</strong></p><h2>[DRILL] Incident (sev1)"),
                part(drill, "text/html"));
    }

    /** Lines of /q/metrics that start with {@code name}. */
    static List<String> metricLines(String name) {
        return RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith(name))
                .toList();
    }

    @Test
    void pagesAreCountedByLevelChannelAndResultAndDeliveriesTimed() throws Exception {
        // Teams and Slack are used by no other test of this application, so the counts below are exact.
        com.github.tomakehurst.wiremock.WireMockServer chat = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                        .dynamicPort()
                        .bindAddress("127.0.0.1"));
        chat.start();
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            chat.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/teams/dan")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(200)));
            chat.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/slack/eve")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(404)));
            String yaml;
            try (InputStream in = NotifierApplicationIT.class.getResourceAsStream("/catalogs/metrics.yaml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("HTTP", "http://127.0.0.1:" + chat.port());
            }
            kafka.publishCatalog(CatalogLoader.parse("metrics.yaml", yaml), "catalog-app-metrics");
            kafka.publishIncident(BrokerClient.incident("inc-metrics", "app-metrics", Severity.SEV1, 1));
            // eve's only channel refuses (404, permanent): the page is undeliverable to her, recorded like dan's
            // delivery.
            kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> events.stream()
                            .map(e -> JsonCodec.data(e, AuditRecord.class))
                            .anyMatch(a -> a.action().equals("page-undeliverable")
                                    && a.subjectId().equals("inc-metrics")),
                    Duration.ofSeconds(60));
            kafka.readUntil(
                    Topics.NOTIFICATIONS.name(),
                    events -> delivered(events, "inc-metrics.l1.r0"),
                    Duration.ofSeconds(60));

            assertEquals(
                    List.of(
                            "stormwatch_notifier_pages_total{channel=\"slack\",level=\"1\",result=\"failed\"} 1.0",
                            "stormwatch_notifier_pages_total{channel=\"teams\",level=\"1\",result=\"delivered\"} 1.0"),
                    metricLines("stormwatch_notifier_pages_total{").stream()
                            .filter(l -> l.contains("\"slack\"") || l.contains("\"teams\""))
                            .sorted()
                            .toList());
            assertEquals(
                    List.of(
                            "stormwatch_notifier_delivery_seconds_count{channel=\"slack\"} 1.0",
                            "stormwatch_notifier_delivery_seconds_count{channel=\"teams\"} 1.0"),
                    metricLines("stormwatch_notifier_delivery_seconds_count{").stream()
                            .filter(l -> l.contains("\"slack\"") || l.contains("\"teams\""))
                            .sorted()
                            .toList());
            assertEquals(
                    1,
                    chat.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/teams/dan")))
                            .size());
        } finally {
            chat.stop();
        }
    }
}
