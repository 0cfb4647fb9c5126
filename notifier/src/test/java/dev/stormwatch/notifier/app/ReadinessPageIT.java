package dev.stormwatch.notifier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.local.KafkaBrokerTestResource;
import dev.stormwatch.notifier.channel.email.GreenMailTestResource;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A readiness drop pages the platform's DR lead, on the real broker with a real SMTP server: the correlator's report on
 * {@code feasibility.v1} with a new readiness finding (a service the secondary region does not offer) pages Carol, the
 * catalog's DR lead, by email; the same finding in the next check's report pages nobody; a further new finding pages
 * her again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
class ReadinessPageIT {

    private static final String PLATFORM = "app-readiness";
    private static final String SUBJECT = "readiness-" + PLATFORM;

    @GreenMailTestResource.InjectGreenMail
    GreenMail greenMail;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void receiver() throws Exception {
        // The test catalog's other contact pages a webhook; nobody but the DR lead is paged here.
        NotifierApplicationIT.receiver = new WebhookReceiver("test-webhook-secret");
    }

    @AfterAll
    static void stop() {
        NotifierApplicationIT.receiver.close();
    }

    private static final Finding NOT_OFFERED = new Finding(
            Finding.SERVICE_NOT_OFFERED,
            "storage",
            "ADLS raw zone (Storage, Microsoft.Storage/storageAccounts) is not offered in the secondary region"
                    + " Australia Southeast for subscription sub-1, as its resource providers list it",
            null,
            null,
            null,
            List.of("storage"),
            List.of("Choose a secondary region that offers Storage for every component"));

    private static final Finding ROLE = new Finding(
            Finding.ROLE_UNCOVERED,
            null,
            "The role dr-lead is not covered: nobody holds it",
            Duration.ofDays(7),
            null,
            null,
            List.of(),
            List.of("Name a deputy for dr-lead in the catalog's roles"));

    private static CloudEvent report(String id, Instant at, List<Finding> findings) {
        FeasibilityReport r = new FeasibilityReport(
                PLATFORM,
                "Application test platform",
                at,
                "fp-1",
                Duration.ofHours(8),
                Duration.ofHours(2),
                Duration.ofHours(6),
                true,
                true,
                List.of("storage"),
                findings);
        return JsonCodec.envelope(id, EventTypes.FEASIBILITY, "/test", PLATFORM, at, false, r);
    }

    @Test
    void aNewReadinessFindingPagesTheDrLeadOnceAndAFurtherOneAgain() throws Exception {
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(NotifierApplicationIT.catalog(PLATFORM, "1h"), "catalog-" + PLATFORM);
            Instant t0 = Instant.parse("2026-12-07T01:00:00Z");
            kafka.send(Topics.FEASIBILITY.name(), PLATFORM, report("f-1", t0, List.of(NOT_OFFERED)));

            List<Notification> first = delivered(kafka, 1);
            assertEquals(1, first.size(), first.toString());
            assertEquals(SUBJECT + ".l1.r0", first.get(0).pageId());
            assertEquals("carol", first.get(0).contactId(), "the catalog's DR lead");
            assertEquals("email", first.get(0).channel());
            assertEquals("readiness-dropped", first.get(0).kind());
            MimeMessage mail = awaitMail(
                    "DR readiness dropped, level 1: Readiness to fail over dropped for Application" + " test platform");
            assertEquals("carol@example.test", GreenMailUtil.getAddressList(mail.getAllRecipients()));
            assertTrue(GreenMailUtil.getBody(mail).contains("Microsoft.Storage/storageAccounts"));

            // The next check finds the same: nobody is paged. A further finding then pages the DR lead again; the
            // reports are processed in order, so two pages in all prove the unchanged one paged nobody.
            kafka.send(
                    Topics.FEASIBILITY.name(),
                    PLATFORM,
                    report("f-2", t0.plus(Duration.ofMinutes(30)), List.of(NOT_OFFERED)));
            kafka.send(
                    Topics.FEASIBILITY.name(),
                    PLATFORM,
                    report("f-3", t0.plus(Duration.ofMinutes(60)), List.of(NOT_OFFERED, ROLE)));
            List<Notification> both = delivered(kafka, 2);
            assertEquals(
                    List.of(SUBJECT + ".l1.r0", SUBJECT + ".l1.r1"),
                    both.stream().map(Notification::pageId).toList());
            assertEquals(
                    List.of("carol", "carol"),
                    both.stream().map(Notification::contactId).toList());
        }
    }

    /** The delivered notifications of the readiness page, once there are {@code count}. */
    private static List<Notification> delivered(BrokerClient kafka, int count) {
        List<CloudEvent> events =
                kafka.readUntil(Topics.NOTIFICATIONS.name(), e -> pages(e).size() >= count, Duration.ofSeconds(90));
        return pages(events);
    }

    private static List<Notification> pages(List<CloudEvent> events) {
        return events.stream()
                .filter(e -> EventTypes.NOTIFICATION.equals(e.type()))
                .map(e -> JsonCodec.data(e, Notification.class))
                .filter(n -> SUBJECT.equals(n.subjectId()) && n.result() == DeliveryResult.DELIVERED)
                .toList();
    }

    private MimeMessage awaitMail(String subject) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (subject.equals(m.getSubject())) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail \"" + subject + "\"");
    }
}
