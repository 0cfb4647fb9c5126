package dev.stormwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.testsupport.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a user runs it (minus the build, which the surrounding Maven build just did), with
 * scenario (a) accelerated. Waits for the handovers, checks that the dashboard's API shows the fallback decision, sends
 * SIGINT to the launcher and asserts that every process it started is gone.
 */
class LocalRunCommandIT {

    private static final int[] PORTS = {9092, 8080, 8081, 8082, 8083, 8090, 2525};
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void storageOutageScenarioEndsInHandoversAndFallbackThenCtrlCLeavesNoProcess() throws Exception {
        for (int port : PORTS) {
            Assumptions.assumeTrue(
                    free(port),
                    "port " + port
                            + " is in use (a local Stormwatch running?): the run-command test needs the README's "
                            + "ports");
        }
        Path repo = RunningSystem.repo();
        Path data = repo.resolve("e2e/target/local-run-" + System.currentTimeMillis());
        // A shell runs a terminal's command with Ctrl-C at its default; a test started in the background inherits it
        // ignored, and a JVM started with SIGINT ignored never sees one. Reset it, as the terminal would have it.
        ProcessBuilder builder = new ProcessBuilder(
                        "env",
                        "--default-signal=INT",
                        "bash",
                        "./stormwatch",
                        "--scenario",
                        "storage-outage",
                        "--speed",
                        "720",
                        "--data",
                        data.toString())
                .directory(repo.toFile())
                .redirectErrorStream(true);
        builder.environment().put("STORMWATCH_SKIP_BUILD", "1");
        Process launcher = builder.start();
        Thread pump = new Thread(() -> pump(launcher), "launcher-console");
        pump.setDaemon(true);
        pump.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            Eventually.await(
                    "dashboard URL on the console",
                    Duration.ofMinutes(5),
                    () -> console.stream()
                            .filter(l -> l.startsWith("Dashboard:"))
                            .findFirst(),
                    this::consoleTail);
            children.addAll(launcher.descendants().toList());
            assertTrue(children.size() >= 5, "broker and four services run as children: " + children.size());

            JsonNode info =
                    JsonCodec.mapper().readTree(data.resolve("local-run.json").toFile());
            String drLead = info.path("apiKeys").path("dr-lead").asText();
            assertEquals(
                    "http://localhost:8080",
                    info.path("services").path("status-api").asText());

            JsonNode handovers = Eventually.await(
                    "handovers after business sign-off",
                    Duration.ofMinutes(4),
                    () -> nonEmpty(get("/api/v1/handovers?platform=contoso-data-platform", drLead), "handovers"),
                    this::consoleTail);
            assertTrue(handovers.toString().contains("\"reason\":\"failed-over\""), handovers.toString());

            JsonNode fallback = Eventually.await(
                    "fallback decision",
                    Duration.ofMinutes(4),
                    () -> {
                        JsonNode all = get("/api/v1/decisions?platform=contoso-data-platform", drLead);
                        for (JsonNode item : all.path("decisions")) {
                            if ("fallback"
                                    .equals(item.path("decision").path("kind").asText())) {
                                return Optional.of(item.path("decision"));
                            }
                        }
                        return Optional.empty();
                    },
                    this::consoleTail);
            assertEquals("contoso-data-platform", fallback.path("platformId").asText());
        } finally {
            children.addAll(
                    launcher.descendants().filter(p -> !children.contains(p)).toList());
            new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid()))
                    .start()
                    .waitFor();
            boolean exited = launcher.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                launcher.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
            assertTrue(exited, "the launcher stops within 2 minutes of Ctrl-C" + consoleTail());
        }
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(
                    child.isAlive(),
                    "process " + child.pid() + " " + child.info().command().orElse("") + " is gone");
        }
        assertTrue(console.stream().anyMatch(l -> l.contains("stopped the Kafka broker")), consoleTail());
        for (int port : PORTS) {
            assertTrue(free(port), "port " + port + " is free again");
        }
    }

    private JsonNode get(String path, String key) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                            .header("X-API-Key", key)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonCodec.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JsonNode> nonEmpty(JsonNode body, String field) {
        JsonNode list = body.isArray() ? body : body.path(field);
        return list.isArray() && !list.isEmpty() ? Optional.of(list) : Optional.empty();
    }

    private void pump(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                console.add(line);
                System.out.println("[stormwatch] " + line);
            }
        } catch (IOException e) {
            // the launcher ended
        }
    }

    private String consoleTail() {
        List<String> lines = new ArrayList<>(console);
        return "\nconsole:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
