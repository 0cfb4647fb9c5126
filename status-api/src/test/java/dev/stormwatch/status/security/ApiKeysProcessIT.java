package dev.stormwatch.status.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged status-api ({@code target/quarkus-app}) in its production profile, as a deployment runs it: a key
 * published with Stormwatch stops the start with the setting to give, and without configured keys no key opens the API.
 * Runs in the {@code integration-test} phase of this module's {@code verify}, after {@code package}.
 */
class ApiKeysProcessIT {

    static Path work;
    static KafkaBroker broker;
    static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // -Dtest=… makes the unit-test execution pick this class too, before the application is packaged.
        Assumptions.assumeTrue(
                Boolean.getBoolean("stormwatch.process-tests"),
                "ApiKeysProcessIT runs in the integration-test phase, after package (the process-tests execution)");
        assertTrue(
                Files.exists(jar()),
                "the packaged status-api is missing: run through 'verify', which packages it first");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "api-keys-it-");
        broker = KafkaBroker.start(work.resolve("kafka"));
        TopicSetup.apply(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        started.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aPublishedKeyStopsTheStartNamingTheSettingToGive() throws Exception {
        Path log = work.resolve("published-key.log");
        Process p = statusApi(
                FreePorts.take(),
                Map.of(
                        "STORMWATCH_ADMIN_KEY",
                        "local-admin-key",
                        "STORMWATCH_VIEWER_KEY",
                        "a-viewer-key-of-this-deployment-7c1e"),
                log);
        assertTrue(
                p.waitFor(180, TimeUnit.SECONDS), "status-api kept running with the well-known admin key; see " + log);
        String out = Files.readString(log);
        assertFalse(p.exitValue() == 0, "status-api exited 0; see " + log);
        assertTrue(
                out.contains(
                        "stormwatch.status-api.api-keys.admin.key is a key published with Stormwatch (for local runs"
                                + " and tests), and the profile is [prod], not local, dev or test: anyone who has "
                                + "read the repository could use it. Give your own key in STORMWATCH_ADMIN_KEY "
                                + "(stormwatch.status-api.api-keys.admin.key), or leave it empty to turn the key off "
                                + "and sign in with Entra ID."),
                out);
    }

    @Test
    void withoutConfiguredKeysNoKeyOpensTheApi() throws Exception {
        int port = FreePorts.take();
        Path log = work.resolve("no-keys.log");
        Process p = statusApi(port, Map.of(), log);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertTrue(p.isAlive(), "status-api exited; see " + log);
            assertTrue(System.nanoTime() < deadline, "status-api did not become ready in 240 s; see " + log);
            try {
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        for (String key : List.of("local-viewer-key", "local-responder-key", "local-dr-lead-key", "local-admin-key")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/incidents"))
                            .header("X-API-Key", key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), key + " was let in: " + r.body());
        }
    }

    static Process statusApi(int port, Map<String, String> environment, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + FreePorts.take(),
                "-Dstormwatch.status-api.notifier.internal-token=api-keys-it-internal-token",
                "-jar",
                jar().toAbsolutePath().toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The deployment's way of giving keys; any inherited from the shell running the build are not this test's.
        builder.environment().keySet().removeIf(k -> k.startsWith("STORMWATCH_"));
        builder.environment().putAll(environment);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    static Path jar() {
        return Path.of("target/quarkus-app/quarkus-run.jar");
    }
}
