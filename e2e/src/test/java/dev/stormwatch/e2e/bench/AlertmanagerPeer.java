package dev.stormwatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.testsupport.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The peer: Prometheus Alertmanager from Debian's package, run as a plain child process (never a system service) with
 * its own data directory, free ports, clustering off, and a route that sends every alert on its own (group by every
 * label) to a webhook in this JVM after {@code group_wait} at its minimum. Fed through its API ({@code POST
 * /api/v2/alerts}); the webhook notes when each alert arrived, keyed by its {@code trackingId} label.
 */
final class AlertmanagerPeer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Process process;
    private final HttpServer webhook;
    private final int port;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    private AlertmanagerPeer(Process process, HttpServer webhook, int port) {
        this.process = process;
        this.webhook = webhook;
        this.port = port;
    }

    /** Why the peer cannot run here, or null when it can. */
    static String unavailable() {
        return Files.isExecutable(BINARY)
                ? null
                : BINARY + " is not installed (apt-get install -y prometheus-alertmanager); "
                        + "the benchmark installs nothing itself";
    }

    static AlertmanagerPeer start(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = FreePorts.take();
        Path config = dir.resolve("alertmanager.yml");
        // group_wait 0s: the minimum (no wait before the first notification of a new group).
        Files.writeString(config, """
                route:
                  receiver: stormwatch-bench
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 24h
                receivers:
                  - name: stormwatch-bench
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alerts
                        send_resolved: false
                """.formatted(webhook.getAddress().getPort()));
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=",
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerPeer peer = new AlertmanagerPeer(process, webhook, port);
        webhook.createContext("/alerts", exchange -> {
            long now = System.nanoTime();
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                JsonNode body = JsonCodec.mapper().readTree(in);
                for (JsonNode alert : body.path("alerts")) {
                    peer.arrivals.putIfAbsent(
                            alert.path("labels").path("trackingId").asText(), now);
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.setExecutor(Executors.newFixedThreadPool(2));
        webhook.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "alertmanager stopped: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(peer.url() + "/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return peer;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        peer.close();
        throw new IllegalStateException("alertmanager not ready within 30 s");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The Alertmanager v2 API body of one firing alert, labelled like our health event. */
    static byte[] alert(String trackingId, String region) {
        return ("[{\"labels\":{\"alertname\":\"ServiceHealth\",\"service\":\"Storage\",\"region\":\"" + region
                        + "\",\"trackingId\":\"" + trackingId
                        + "\",\"severity\":\"critical\"},\"annotations\":{\"summary\":"
                        + "\"Storage degradation " + trackingId + "\"}}]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** When the webhook received the alert with this tracking id ({@link System#nanoTime()}), or null. */
    Long arrival(String trackingId) {
        return arrivals.get(trackingId);
    }

    @Override
    public void close() {
        webhook.stop(0);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
