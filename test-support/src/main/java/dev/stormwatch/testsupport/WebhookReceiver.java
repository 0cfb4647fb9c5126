package dev.stormwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * Webhook endpoints as a downstream team would run them, on one real HTTP server on a free loopback port. Every path
 * answers {@link #answer(int) one status} unless {@link #add a path of its own} answers by request number, optionally
 * after a hold. With a secret it checks the HMAC signature and the timestamp's freshness as a customer's receiver
 * should, and answers 401 to a bad one. It records every request and when it arrived.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as it arrived: its path, the CloudEvent id of its body (null if the body is not one), its headers
     * (names in lower case), what it was answered and, with a secret, whether its signature verified.
     */
    public record Delivery(
            Instant at,
            String path,
            String eventId,
            Map<String, String> headers,
            String body,
            int answered,
            boolean verified) {

        public String deliveryId() {
            return header(WebhookSignature.DELIVERY_HEADER);
        }

        public String timestamp() {
            return header(WebhookSignature.TIMESTAMP_HEADER);
        }

        public String signature() {
            return header(WebhookSignature.SIGNATURE_HEADER);
        }

        private String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String secret;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    /** A receiver that checks no signature. */
    public WebhookReceiver() {
        this(null);
    }

    /** A receiver that verifies every request's signature with {@code secret} (none: null). */
    public WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One thread per request: a slow receiver must not hold up the others on the test side either.
        server.setExecutor(threads);
        server.createContext("/", exchange -> handle(exchange, n -> status, 0));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * A receiver at {@code path} answering {@code status.applyAsInt(n)} to the n-th request (1-based) carrying the same
     * CloudEvent id: every event gets the same treatment, whatever else the receiver was sent before. Returns its URL.
     */
    public String add(String path, IntUnaryOperator status, long holdMillis) {
        server.createContext(path, exchange -> handle(exchange, status, holdMillis));
        return url(path);
    }

    /** What every path without one of its own answers to a request whose signature holds (200 until set). */
    public void answer(int status) {
        this.status = status;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(received);
    }

    /** The requests to exactly {@code path}, in the order they arrived. */
    public List<Delivery> deliveries(String path) {
        return received.stream().filter(d -> d.path().equals(path)).toList();
    }

    public void clear() {
        received.clear();
    }

    public String secret() {
        return secret;
    }

    private void handle(HttpExchange exchange, IntUnaryOperator status, long holdMillis) throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String eventId = eventId(body);
        boolean verified = secret != null && verifies(headers, body);
        int answer;
        synchronized (received) {
            long before = received.stream()
                    .filter(d -> d.path().equals(path) && Objects.equals(d.eventId(), eventId))
                    .count();
            answer = secret != null && !verified ? 401 : status.applyAsInt((int) before + 1);
        }
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        received.add(new Delivery(at, path, eventId, Map.copyOf(headers), body, answer, verified));
        if (answer == 204 || answer == 304) {
            // These carry no body by definition.
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
            return;
        }
        byte[] text = (answer == 401 ? "bad signature" : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    private boolean verifies(Map<String, String> headers, String body) {
        String ts = headers.get(WebhookSignature.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));
        String sig = headers.get(WebhookSignature.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        boolean fresh = ts != null
                && ts.matches("\\d{1,12}")
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) < 300;
        return fresh && WebhookSignature.verify(secret, ts, body, sig);
    }

    private static String eventId(String body) {
        try {
            JsonNode id = JsonCodec.fromJson(body, JsonNode.class).path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
