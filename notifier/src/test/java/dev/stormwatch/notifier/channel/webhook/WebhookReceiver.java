package dev.stormwatch.notifier.channel.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver as a customer would write one, on the JDK's HTTP server: it verifies the HMAC signature and the
 * timestamp's freshness, answers 401 to a bad signature, and records what it received and when.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request: when it arrived, its path, body, headers that matter, and whether its signature verified. */
    public record Received(
            Instant at,
            String path,
            String body,
            String deliveryId,
            String timestamp,
            String signature,
            boolean verified) {}

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            String sig = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            boolean fresh = ts != null
                    && ts.matches("\\d+")
                    && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) < 300;
            boolean verified = fresh && WebhookSignature.verify(secret, ts, body, sig);
            received.add(new Received(
                    Instant.now(),
                    exchange.getRequestURI().getPath(),
                    body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                    ts,
                    sig,
                    verified));
            int code = verified ? status : 401;
            byte[] answer = (verified ? "ok" : "bad signature").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void answer(int status) {
        this.status = status;
    }

    public void clear() {
        received.clear();
    }

    public String secret() {
        return secret;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
