package dev.stormwatch.status.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * Downstream teams' webhook endpoints for the subscription tests: one real HTTP server, a path per receiver, each with
 * its own behaviour (answer by request number, optional hold) and its own record of what arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery as it arrived. */
    record Delivery(Instant at, String eventId, Map<String, String> headers, String body, int answered) {}

    private final HttpServer server;
    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One thread per request: a slow receiver must not hold up the others on the test side either.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /**
     * A receiver at {@code path} answering {@code status.applyAsInt(n)} to the n-th request (1-based) carrying the same
     * CloudEvent id: every event gets the same treatment, whatever else the receiver was sent before.
     */
    String add(String path, IntUnaryOperator status, long holdMillis) {
        List<Delivery> log = new CopyOnWriteArrayList<>();
        received.put(path, log);
        server.createContext(path, exchange -> handle(exchange, log, status, holdMillis));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Delivery> deliveries(String path) {
        return received.get(path);
    }

    private static void handle(HttpExchange exchange, List<Delivery> log, IntUnaryOperator status, long holdMillis)
            throws IOException {
        Instant at = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        String eventId = JsonCodec.fromJson(body, JsonNode.class).path("id").asText();
        int answer;
        synchronized (log) {
            answer = status.applyAsInt(
                    (int) log.stream().filter(d -> d.eventId().equals(eventId)).count() + 1);
        }
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.add(new Delivery(at, eventId, headers, body, answer));
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
