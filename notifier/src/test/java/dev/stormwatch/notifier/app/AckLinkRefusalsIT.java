package dev.stormwatch.notifier.app;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.local.KafkaBrokerTestResource;
import dev.stormwatch.notifier.ack.AckClaims;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.channel.email.GreenMailTestResource;
import dev.stormwatch.notifier.channel.webhook.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client looping on forged acknowledge links, on the real broker: every refusal counted on /q/metrics, the client
 * answered 429 once past its limit, the audit trail getting a few records carrying the count rather than one per
 * request, and a genuine link still acknowledging. Its own application (profile), so that its limits and the client it
 * exhausts are its own.
 */
@QuarkusTest
@TestProfile(AckLinkRefusalsIT.Limits.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
class AckLinkRefusalsIT {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stormwatch.notifier.ack.refusals.burst",
                    "20",
                    "stormwatch.notifier.ack.refusals.per-minute",
                    "20",
                    "stormwatch.notifier.ack.refusals.report-every",
                    "3s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void receiver() throws IOException {
        NotifierApplicationIT.receiver = new WebhookReceiver("test-webhook-secret");
    }

    @AfterAll
    static void stop() {
        NotifierApplicationIT.receiver.close();
    }

    @Test
    void fiveHundredForgedLinksAreCountedLimitedTo429AndAuditedAsAFewRecordsCarryingTheCount() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String genuine = new AckTokens("test-ack-secret-0123456789")
                .issue(new AckClaims(
                        "inc-flood.l1.r0", "app-flood", "bob", Instant.now().plusSeconds(3600), "flood-1"));
        int refused = 0;
        int limited = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            // Forged by altering one character of a genuine link: the signature no longer matches.
            String forged = genuine.substring(0, 10) + (char) ('a' + i % 26) + genuine.substring(11) + i;
            int status = RestAssured.given().get("/ack/" + forged).statusCode();
            if (status == 403) {
                refused++;
            } else if (status == 429) {
                limited++;
            } else {
                throw new AssertionError("forged link " + i + " answered " + status);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // A burst of 20, then 20 a minute: a few more while the loop runs.
        long refills = took.toSeconds() / 3 + 1;
        assertTrue(refused >= 20 && refused <= 20 + refills, refused + " answered 403 in " + took);
        assertEquals(500, refused + limited);
        RestAssured.given()
                .get("/ack/forged-once-more")
                .then()
                .statusCode(429)
                .header("Retry-After", "3")
                .body(containsString("Too many refused links"));
        RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("stormwatch_notifier_ack_refused_total{reason=\"forged\"} 501.0"));

        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            java.util.function.Function<List<CloudEvent>, List<AuditRecord>> ours = events -> events.stream()
                    .map(e -> JsonCodec.data(e, AuditRecord.class))
                    .filter(a -> a.action().equals("ack-refused") && !a.at().isBefore(start))
                    .toList();
            List<AuditRecord> records = ours.apply(kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> ours.apply(events).stream()
                                    .mapToInt(AckLinkRefusalsIT::count)
                                    .sum()
                            >= 501,
                    Duration.ofSeconds(30)));
            assertEquals(
                    501, records.stream().mapToInt(AckLinkRefusalsIT::count).sum());
            // One record per report (every 3 s) at most, however many requests: bounded by time, not by the flood.
            assertTrue(
                    records.size() <= took.toSeconds() / 3 + 3,
                    records.size() + " audit records for 501 refusals in " + took);
            for (AuditRecord r : records) {
                assertTrue(
                        r.detail()
                                .matches("\\d+ refused acknowledge links? from 127\\.0\\.0\\.1 in the last 3 s \\(\\d+ "
                                        + "forged\\); last: forged acknowledge link refused: .*"),
                        r.detail());
                assertEquals("anonymous", r.actor());
            }

            // A genuine link from the same client still acknowledges: only refusals are limited.
            kafka.publishCatalog(NotifierApplicationIT.catalog("app-flood", "1h"), "catalog-app-flood");
            kafka.publishIncident(BrokerClient.incident("inc-flood", "app-flood", Severity.SEV1, 1));
            String token = NotifierApplicationIT.awaitPageToken("inc-flood.l1.r0");
            RestAssured.given()
                    .post("/ack/" + token)
                    .then()
                    .statusCode(200)
                    .body(containsString("the page is acknowledged and the escalation stops"));
        }
    }

    private static int count(AuditRecord r) {
        return Integer.parseInt(r.detail().substring(0, r.detail().indexOf(' ')));
    }
}
