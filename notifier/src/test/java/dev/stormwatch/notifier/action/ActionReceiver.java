package dev.stormwatch.notifier.action;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An automation target as a careful operator writes one: it checks the HMAC signature, runs each idempotency key's job
 * once (a repeated key is answered 200 without running it again) and records every request. A path can be set to hold
 * its first answer, to let a test kill the caller in the middle of a call.
 */
public final class ActionReceiver implements AutoCloseable {

    /** One request: when, where, its idempotency key, body, and whether the signature verified. */
    public record Request(Instant at, String path, String key, String body, boolean verified) {}

    private final HttpServer server;
    private final String secret;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final Map<String, Long> holdFirstMs = new ConcurrentHashMap<>();

    public ActionReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst(StepCallback.IDEMPOTENCY_HEADER);
            String ts = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            String sig = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            boolean verified = WebhookSignature.verify(secret, ts, body, sig);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(Instant.now(), path, key, body, verified));
            int code = verified && key != null ? 202 : 401;
            if (code == 202 && runs.putIfAbsent(key, 1) == null) {
                Long hold = holdFirstMs.remove(path);
                if (hold != null) {
                    try {
                        Thread.sleep(hold);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            } else if (code == 202) {
                code = 200; // seen this key: not run again
            }
            byte[] answer =
                    (code == 401 ? "bad signature" : "{\"jobId\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(code, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (IOException e) {
                // the caller is gone (killed mid-call)
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first request to {@code path} is answered only after {@code ms}. */
    public void holdFirst(String path, long ms) {
        holdFirstMs.put(path, ms);
    }

    /** The distinct idempotency keys of the requests to {@code path}: the calls, counted as the target counts them. */
    public long keys(String path) {
        return at(path).stream().map(Request::key).distinct().count();
    }

    public List<Request> at(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many times the job of {@code key} ran: a repeated key is answered without running the job again. */
    public int runs(String key) {
        return runs.getOrDefault(key, 0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
