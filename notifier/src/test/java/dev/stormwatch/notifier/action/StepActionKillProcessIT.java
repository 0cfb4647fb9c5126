package dev.stormwatch.notifier.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier as a separate process on a real broker runs two automated steps and is killed with SIGKILL
 * while one call is in flight (intended, not known made) and after the other was made (called). Started again, it makes
 * the first call again with the same idempotency key, which the target runs once, and never repeats the second: each
 * step's job runs exactly once across the crash.
 */
class StepActionKillProcessIT {

    static final String SECRET = "kill-hook-secret";

    static Path work;
    static KafkaBroker broker;
    static ActionReceiver receiver;
    static int httpPort;
    static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assertTrue(
                Files.exists(Path.of("target/quarkus-app/quarkus-run.jar")),
                "the packaged notifier is missing: run through 'verify', which packages it first");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "step-kill-it-");
        broker = KafkaBroker.start(work.resolve("kafka"));
        TopicSetup.apply(broker.bootstrapServers());
        receiver = new ActionReceiver(SECRET);
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
                "-Dkafka-streams.group.instance.id=notifier-step-kill-it",
                "-Dstormwatch.notifier.destinations.allow=127.0.0.0/8",
                "-Dstormwatch.notifier.ack.secret=kill-test-ack-secret-0123456789",
                "-Dstormwatch.notifier.actions.callback-secret=kill-test-callback-secret",
                "-Dstormwatch.notifier.actions.timeout=180s",
                "-Dstormwatch.notifier.actions.retry-every=1s",
                "-Dstormwatch.notifier.internal-token=kill-test-internal-token",
                "-DKILL_HOOK_SECRET=" + SECRET,
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
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notifier did not become ready in 90 s; see " + work);
    }

    static void eventually(String what, Duration within, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ok.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + within + ": " + what + "; see " + work);
            Thread.sleep(50);
        }
    }

    static Decision step(String id, String component, String name, int runOrder) {
        Instant now = Instant.now();
        return new Decision(
                id,
                "kill-steps",
                "inc-kill-steps",
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step " + runOrder + ": " + name,
                "Run the step",
                List.of("approve", "decline"),
                now,
                now.plus(Duration.ofHours(1)),
                false,
                new RecoveryStepRef(
                        component,
                        name,
                        runOrder,
                        null,
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(10),
                        null,
                        null,
                        "ann"),
                0,
                null,
                null,
                null,
                null,
                false,
                1);
    }

    static List<String> phases(BrokerClient kafka, String key, int atLeast) {
        return kafka
                .readUntil(
                        Topics.STEP_ACTIONS.name(),
                        events -> events.stream()
                                        .filter(e -> key.equals(e.subject()))
                                        .count()
                                >= atLeast,
                        Duration.ofSeconds(30))
                .stream()
                .filter(e -> key.equals(e.subject()))
                .map(e -> JsonCodec.data(e, StepActionEntry.class).phase())
                .toList();
    }

    @Test
    void eachStepsJobRunsExactlyOnceAcrossAKillDashNine() throws Exception {
        String yaml = """
                platform: { id: kill-steps, primaryRegion: westeurope, secondaryRegion: northeurope,\
                 strategy: warm-spare, rto: 8h, drLead: ann }
                contacts:
                  - id: ann
                    channels: [ { type: email, address: ann@example.test } ]
                components:
                  - id: key-vault
                    service: Key Vault
                    layer: foundation
                    recovery:
                      - { name: Recover the vault, expected: 20m, action: { kind: webhook, url: "FAST",\
                 secretRef: KILL_HOOK_SECRET, timeout: 1h } }
                  - id: data-factory
                    service: Data Factory
                    layer: ingest
                    recovery:
                      - { name: Trigger the factory, expected: 30m, action: { kind: webhook, url: "SLOW",\
                 secretRef: KILL_HOOK_SECRET, timeout: 1h } }
                """.replace("FAST", receiver.url("/kill/fast")).replace("SLOW", receiver.url("/kill/slow"));
        // The factory's target holds its first answer long past the kill: that call is in flight when the notifier
        // dies.
        receiver.holdFirst("/kill/slow", 150_000);
        Process first = notifier(1);
        awaitReady(first);
        try (BrokerClient kafka = new BrokerClient(broker.bootstrapServers())) {
            kafka.publishCatalog(CatalogLoader.parse("kill-steps.yaml", yaml), "catalog-kill-steps");
            // One step at a time: the runner makes one call at a time, and the held call must not delay the other.
            Decision vault = step("kill-step-01", "key-vault", "Recover the vault", 1);
            kafka.send(
                    Topics.DR_DECISIONS.name(),
                    vault.id(),
                    JsonCodec.envelope(
                            "decision/" + vault.id() + "/1",
                            EventTypes.DECISION,
                            "/stormwatch/incident-correlator",
                            vault.id(),
                            vault.raisedAt(),
                            false,
                            vault));
            eventually(
                    "the vault's call reached its target",
                    Duration.ofSeconds(60),
                    () -> receiver.at("/kill/fast").size() == 1);
            Decision factory = step("kill-step-02", "data-factory", "Trigger the factory", 2);
            kafka.send(
                    Topics.DR_DECISIONS.name(),
                    factory.id(),
                    JsonCodec.envelope(
                            "decision/" + factory.id() + "/1",
                            EventTypes.DECISION,
                            "/stormwatch/incident-correlator",
                            factory.id(),
                            factory.raisedAt(),
                            false,
                            factory));
            eventually(
                    "the factory's call reached its target",
                    Duration.ofSeconds(60),
                    () -> receiver.at("/kill/slow").size() == 1);
            assertEquals(
                    List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED),
                    phases(kafka, "kill-step-01", 2),
                    "the vault's call is recorded as made before the kill");

            first.destroyForcibly();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "exit 137 = 128 + 9: killed by SIGKILL, no shutdown hooks");
            List<CloudEvent> beforeRestart =
                    kafka.readUntil(Topics.STEP_ACTIONS.name(), events -> events.size() >= 3, Duration.ofSeconds(30));
            assertEquals(
                    List.of(StepActionEntry.INTENDED),
                    beforeRestart.stream()
                            .filter(e -> "kill-step-02".equals(e.subject()))
                            .map(e -> JsonCodec.data(e, StepActionEntry.class).phase())
                            .toList(),
                    "the factory's call: intended, not known made");

            Process second = notifier(2);
            awaitReady(second);
            eventually(
                    "the factory's call made again",
                    Duration.ofSeconds(60),
                    () -> receiver.at("/kill/slow").size() == 2);
            assertEquals(List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED), phases(kafka, "kill-step-02", 2));
            Thread.sleep(3000);

            assertEquals(
                    List.of("kill-step-02", "kill-step-02"),
                    receiver.at("/kill/slow").stream()
                            .map(ActionReceiver.Request::key)
                            .toList(),
                    "made again with the same idempotency key");
            assertEquals(1, receiver.keys("/kill/slow"), "one call by idempotency key");
            assertEquals(1, receiver.runs("kill-step-02"), "the target ran the factory's job once");
            assertEquals(1, receiver.at("/kill/fast").size(), "the vault's call, recorded as made, is not made again");
            assertEquals(1, receiver.runs("kill-step-01"));
            assertTrue(receiver.at("/kill/slow").stream().allMatch(ActionReceiver.Request::verified));
            assertEquals(List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED), phases(kafka, "kill-step-01", 2));
        }
    }
}
