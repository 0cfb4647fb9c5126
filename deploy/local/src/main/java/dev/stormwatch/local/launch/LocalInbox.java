package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where the local run's pages land: a real HTTP server on loopback standing in for the contacts' Teams, Slack and
 * webhook endpoints of the example catalog ({@code http://127.0.0.1:8090/inbox/<contact>}, {@code /teams/…},
 * {@code /slack/…}). It checks the generic webhook's HMAC signature as a real receiver would, and reports each page
 * on one console line, so that a newcomer sees who was paged and about what.
 */
public final class LocalInbox implements AutoCloseable {

    /** One message received. {@code signatureValid} is null where the channel carries no signature. */
    public record Message(Instant at, String path, String summary, Boolean signatureValid, String body) {
    }

    public static final String SIGNATURE_HEADER = "X-Stormwatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-Stormwatch-Timestamp";

    private final HttpServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private LocalInbox(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0: a free one); {@code secret} checks webhook signatures; {@code out} gets a line per page. */
    public static LocalInbox start(int port, String secret, Consumer<String> out) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            LocalInbox inbox = new LocalInbox(server);
            server.createContext("/", exchange -> inbox.receive(exchange, secret, out));
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "local-inbox");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local inbox on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    private void receive(HttpExchange exchange, String secret, Consumer<String> out) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(2 * 1024 * 1024);
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Boolean valid = null;
            String signature = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
            if (path.startsWith("/inbox/")) {
                String timestamp = exchange.getRequestHeaders().getFirst(TIMESTAMP_HEADER);
                valid = secret != null && signature != null && timestamp != null
                        && verify(secret, timestamp, body, signature);
            }
            String text = new String(body, StandardCharsets.UTF_8);
            Message message = new Message(Instant.now(), path, summary(text), valid, text);
            messages.add(message);
            out.accept("  page → " + path + (valid == null ? "" : valid ? " (signature ok)" : " (BAD SIGNATURE)") + ": "
                    + message.summary());
            exchange.sendResponseHeaders(valid == null || valid ? 200 : 401, -1);
        }
    }

    /** HMAC-SHA256 over "timestamp.body", hex, optionally prefixed "sha256=". */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            String given = signature.startsWith("sha256=") ? signature.substring(7) : signature;
            return MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A one-line gist of a page whatever the channel's format: its title or first text. */
    private static String summary(String body) {
        try {
            JsonNode json = JsonCodec.mapper().readTree(body);
            for (String field : new String[] { "title", "text", "summary", "subject" }) {
                JsonNode f = json.findValue(field);
                if (f != null && f.isTextual()) {
                    return clip(f.asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: show the text itself
        }
        return clip(body);
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 140 ? one.substring(0, 137) + "…" : one;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
