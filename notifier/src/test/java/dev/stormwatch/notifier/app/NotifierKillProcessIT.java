package dev.stormwatch.notifier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.FreePorts;
import dev.stormwatch.testsupport.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier ({@code target/quarkus-app}, built by {@code package}) as a separate process on a real broker,
 * killed with SIGKILL after level 1 was delivered, then started again: level 2 must go out at the instant level 1's
 * delay ends, nobody may get level 1 twice, and an acknowledge link used before the kill must be refused after it. The
 * acknowledged incident is on a second platform whose level 2 comes due while the notifier is down, so that the
 * restarted notifier's first tick always meets it before the acknowledgement made before the kill has come through the
 * stream: that acknowledgement must still stop level 2.
 *
 * <p>Runs in the {@code integration-test} phase of this module's {@code verify} (a second surefire execution, see the
 * pom), because the application it starts is only packaged after the unit tests.
 */
class NotifierKillProcessIT {

    /**
     * Level 1's delay: long enough for the restart to finish before level 2 is due, so that "on time" means the due
     * instant and not "as soon as it was back". Set from how long the first start took (twice that plus 5 s, 15–60 s):
     * starts took 5–25 s on this 2-core machine depending on what else was building.
     */
    static Duration levelOneWaits = Duration.ofSeconds(45);

    /**
     * Level 1's delay on the acknowledged incident's platform: long enough for the acknowledgement to be made before
     * level 2 is due, shorter than the kill and the restart, which waits for it.
     */
    static final Duration ACKED_WAITS = Duration.ofSeconds(8);

    static final String SECRET = "kill-test-webhook-secret";

    static Path work;
    static KafkaBroker broker;
    static WebhookReceiver receiver;
    static int httpPort;
    static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path app = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(
                Files.exists(app), "the packaged notifier is missing: run through 'verify', which packages it first");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill-it-");
        broker = KafkaBroker.start(work.resolve("kafka"));
        TopicSetup.apply(broker.bootstrapServers());
        receiver = new WebhookReceiver(SECRET);
        httpPort = FreePorts.take();
    }

    @AfterAll
    static void stop() {
        started.forEach(Process::destroyForcibly);
        if (receiver != null) {
            receiver.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static Process notifier(int run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.http.port=" + httpPort,
                "-Dkafka-streams.state.dir=" + work.resolve("notifier-state"),
                // Static membership: the restarted instance takes its old place at once instead of waiting out a
                // session.
                "-Dkafka-streams.group.instance.id=notifier-kill-it",
                "-Dstormwatch.notifier.destinations.allow=127.0.0.0/8",
                "-Dstormwatch.notifier.ack.secret=kill-test-ack-secret-0123456789",
                "-Dstormwatch.notifier.public-url=http://127.0.0.1:" + httpPort,
                "-Dstormwatch.notifier.internal-token=kill-test-internal-token",
                "-DSTORMWATCH_WEBHOOK_KILL_TEST_SECRET=" + SECRET,
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("notifier-run-" + run + ".log").toFile())
                .start();
        started.add(p);
        return p;
    }

    static void awaitReady(Process p) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the notifier exited; see " + work);
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notifier did not become ready in 90 s; see " + work);
    }

    static Catalog catalog(String platform, Duration levelOne) throws IOException {
        try (InputStream in = NotifierKillProcessIT.class.getResourceAsStream("/catalogs/app.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("PLATFORM", platform)
                    .replace("RECEIVER", receiver.url(""))
                    .replace("AFTER", levelOne.toSeconds() + "s")
                    .replace("STORMWATCH_WEBHOOK_TEST_SECRET", "STORMWATCH_WEBHOOK_KILL_TEST_SECRET")
                    .replace(
                            "type: email, address: carol@example.test",
                            "type: webhook, address: \"" + receiver.url("/inbox/carol")
                                    + "\", secretRef: STORMWATCH_WEBHOOK_KILL_TEST_SECRET");
            return CatalogLoader.parse("app.yaml", yaml);
        }
    }

    static List<WebhookReceiver.Delivery> pagesFor(String path, String pageId) {
        return receiver.deliveries(path).stream()
                .filter(r -> pageIdOf(r).equals(pageId))
                .toList();
    }

    static String pageIdOf(WebhookReceiver.Delivery r) {
        try {
            return JsonCodec.mapper()
                    .readTree(r.body())
                    .path("data")
                    .path("items")
                    .get(0)
                    .path("pageId")
                    .asText();
        } catch (IOException e) {
            return "";
        }
    }

    static String ackPath(WebhookReceiver.Delivery r) throws IOException {
        JsonNode item =
                JsonCodec.mapper().readTree(r.body()).path("data").path("items").get(0);
        String url = item.path("ackUrl").asText();
        return url.substring(url.indexOf("/ack/"));
    }

    static WebhookReceiver.Delivery await(String path, String pageId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<WebhookReceiver.Delivery> got = pagesFor(path, pageId);
            if (!got.isEmpty()) {
                return got.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no page " + pageId + " at " + path + " within " + timeout);
    }

    static List<Notification> delivered(List<CloudEvent> events, String pageId) {
        return events.stream()
                .filter(e -> EventTypes.NOTIFICATION.equals(e.type()))
                .map(e -> JsonCodec.data(e, Notification.class))
                .filter(n -> n.pageId().equals(pageId) && n.result() == DeliveryResult.DELIVERED)
                .toList();
    }

    static int post(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void killedAfterLevelOneItEscalatesOnTimeAfterRestartAndPagesNobodyTwice() throws Exception {
        long began = System.nanoTime();
        Process first = notifier(1);
        awaitReady(first);
        long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        levelOneWaits = Duration.ofMillis(Math.min(60_000, Math.max(15_000, 2 * startMs + 5_000)))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        System.out.printf("first start took %d ms: level 1 waits %s%n", startMs, levelOneWaits);
        try (BrokerClient kafka = new BrokerClient(broker.bootstrapServers())) {
            kafka.publishCatalog(catalog("kill-test", levelOneWaits), "catalog-kill-test");
            kafka.publishCatalog(catalog("kill-test-acked", ACKED_WAITS), "catalog-kill-test-acked");
            kafka.publishIncident(BrokerClient.incident("inc-kill", "kill-test", Severity.SEV1, 1));
            kafka.publishIncident(BrokerClient.incident("inc-acked", "kill-test-acked", Severity.SEV2, 1));

            // Level 1 delivered, and its delivery committed to notifications.v1.
            await("/inbox/bob", "inc-kill.l1.r0", Duration.ofSeconds(60));
            WebhookReceiver.Delivery ackedPage = await("/inbox/bob", "inc-acked.l1.r0", Duration.ofSeconds(60));
            List<CloudEvent> before = kafka.readUntil(
                    Topics.NOTIFICATIONS.name(),
                    events -> !delivered(events, "inc-kill.l1.r0").isEmpty()
                            && !delivered(events, "inc-acked.l1.r0").isEmpty(),
                    Duration.ofSeconds(30));
            Instant levelOneAt = delivered(before, "inc-kill.l1.r0").get(0).at();
            String link = ackPath(ackedPage);
            assertEquals(200, post(link), "bob acknowledges the second incident before the crash");
            Instant ackedDue = delivered(before, "inc-acked.l1.r0").get(0).at().plus(ACKED_WAITS);
            assertTrue(
                    Instant.now().isBefore(ackedDue),
                    "the acknowledgement was made before level 2 of inc-acked was due (" + ackedDue + ")");

            // kill -9
            long pid = first.pid();
            first.destroyForcibly();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
            assertEquals(
                    137, first.exitValue(), "exit 137 = 128 + 9: the JVM was killed by SIGKILL, no shutdown hooks");
            Instant killedAt = Instant.now();
            System.out.printf(
                    "notifier pid %d killed %d ms after level 1%n",
                    pid, Duration.between(levelOneAt, killedAt).toMillis());

            // inc-acked's level 2 is due while the notifier is down: the restart meets it overdue.
            long untilAckedDue = Duration.between(Instant.now(), ackedDue).toMillis() + 500;
            if (untilAckedDue > 0) {
                Thread.sleep(untilAckedDue);
            }

            Process second = notifier(2);
            awaitReady(second);
            Instant readyAgain = Instant.now();
            System.out.printf(
                    "restarted and ready %d ms after the kill%n",
                    Duration.between(killedAt, readyAgain).toMillis());

            WebhookReceiver.Delivery levelTwo = await("/inbox/carol", "inc-kill.l2.r0", levelOneWaits.plusSeconds(30));
            Instant due = levelOneAt.plus(levelOneWaits);
            long lateMs = Duration.between(due, levelTwo.at()).toMillis();
            System.out.printf("level 2 due %s, received %s (%d ms after due)%n", due, levelTwo.at(), lateMs);
            assertTrue(lateMs >= -50, "level 2 arrived " + -lateMs + " ms before it was due");
            // On a loaded 2-core machine the restart can end after the due instant: then level 2 is due at once.
            Instant expected = readyAgain.isAfter(due) ? readyAgain : due;
            long afterExpected = Duration.between(expected, levelTwo.at()).toMillis();
            assertTrue(
                    afterExpected <= 15_000,
                    "level 2 arrived " + afterExpected + " ms after it could have (due " + due + ", ready again "
                            + readyAgain + ")");
            assertTrue(levelTwo.verified());

            // Nothing more may come: wait a little past level 2, then count.
            Thread.sleep(3000);
            assertEquals(1, pagesFor("/inbox/bob", "inc-kill.l1.r0").size(), "bob got level 1 of inc-kill once");
            assertEquals(1, pagesFor("/inbox/bob", "inc-acked.l1.r0").size(), "bob got level 1 of inc-acked once");
            assertEquals(1, pagesFor("/inbox/carol", "inc-kill.l2.r0").size(), "carol got level 2 once");
            assertEquals(
                    0,
                    pagesFor("/inbox/carol", "inc-acked.l2.r0").size(),
                    "the acknowledgement made before the crash still stops the escalation after it");
            List<CloudEvent> after = kafka.readUntil(
                    Topics.NOTIFICATIONS.name(),
                    events -> !delivered(events, "inc-kill.l2.r0").isEmpty(),
                    Duration.ofSeconds(30));
            assertEquals(1, delivered(after, "inc-kill.l1.r0").size(), "one delivery of level 1 recorded");
            assertEquals(1, delivered(after, "inc-kill.l2.r0").size(), "one delivery of level 2 recorded");

            // The link used before the crash is refused after it (the ledger is rebuilt from acks.v1).
            assertEquals(409, post(link));
        }
    }
}
