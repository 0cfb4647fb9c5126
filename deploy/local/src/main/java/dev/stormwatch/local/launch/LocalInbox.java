package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where the local run's pages land: a real HTTP server on loopback standing in for the contacts' Teams, Slack and
 * webhook endpoints of the example catalog ({@code http://127.0.0.1:8090/inbox/<contact>}, {@code /teams/…},
 * {@code /slack/…}). It checks the generic webhook's HMAC signature as a real receiver would, and reports each page on
 * one console line, so that a newcomer sees who was paged and about what. Email goes to a real SMTP server (GreenMail)
 * on loopback, reported the same way.
 *
 * <p>It is also the local run's automation target: {@code /automation/<name>} answers an automated recovery step's call
 * as an Azure Automation runbook webhook or a signed webhook would (a signature, where sent, must verify), runs each
 * idempotency key's job once, and a moment later reports the outcome to the callback URL the call named, signed with
 * the callback key it received.
 */
public final class LocalInbox implements AutoCloseable {

    /** One message received. {@code signatureValid} is null where the channel carries no signature. */
    public record Message(Instant at, String path, String summary, Boolean signatureValid, String body) {}

    private final HttpServer server;
    private final GreenMail smtp;
    private final Thread mailWatch;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobCount = new AtomicInteger();
    private final List<Message> automationCalls = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-inbox-automation");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalInbox(HttpServer server, GreenMail smtp, Consumer<String> out) {
        this.server = server;
        this.smtp = smtp;
        this.mailWatch = new Thread(() -> watchMail(out), "local-inbox-smtp");
        this.mailWatch.setDaemon(true);
        this.mailWatch.start();
    }

    /**
     * Starts the HTTP inbox on {@code port} and the SMTP inbox on {@code smtpPort} (0: free ones); {@code secret}
     * checks webhook signatures; {@code out} gets a line per page.
     */
    public static LocalInbox start(int port, int smtpPort, String secret, Consumer<String> out) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            LocalInbox inbox = new LocalInbox(server, smtp, out);
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

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    private void watchMail(Consumer<String> out) {
        int seen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                MimeMessage[] received = smtp.getReceivedMessages();
                for (; seen < received.length; seen++) {
                    MimeMessage mail = received[seen];
                    String to = String.join(
                            ",",
                            java.util.Arrays.stream(mail.getAllRecipients())
                                    .map(Object::toString)
                                    .toList());
                    String body = GreenMailUtil.getBody(mail);
                    messages.add(new Message(Instant.now(), "smtp:" + to, clip(mail.getSubject()), null, body));
                    out.accept("  mail → " + to + ": " + clip(mail.getSubject()));
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (jakarta.mail.MessagingException | RuntimeException e) {
                out.accept("  mail inbox: cannot read a message: " + e.getMessage());
                seen++;
            }
        }
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The automated steps' calls received, in order; {@code summary} is the call's idempotency key. */
    public List<Message> automationCalls() {
        return List.copyOf(automationCalls);
    }

    private void receive(HttpExchange exchange, String secret, Consumer<String> out) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(2 * 1024 * 1024);
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (path.startsWith("/automation/")) {
                automation(exchange, path, body, secret, out);
                return;
            }
            Boolean valid = null;
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            if (path.startsWith("/inbox/")) {
                String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
                valid = secret != null
                        && signature != null
                        && timestamp != null
                        && WebhookSignature.verify(secret, timestamp, body, signature);
            }
            String text = new String(body, StandardCharsets.UTF_8);
            Message message = new Message(Instant.now(), path, summary(text), valid, text);
            messages.add(message);
            out.accept("  page → " + path + (valid == null ? "" : valid ? " (signature ok)" : " (BAD SIGNATURE)") + ": "
                    + message.summary());
            exchange.sendResponseHeaders(valid == null || valid ? 200 : 401, -1);
        }
    }

    /**
     * An automated step's call: refused when a signature is sent and does not verify; a key seen before is answered
     * with its job and not run again; a new one is run, and its outcome sent back signed two seconds later.
     */
    private void automation(HttpExchange exchange, String path, byte[] body, String secret, Consumer<String> out)
            throws IOException {
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
        String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
        if (signature != null && (secret == null || !WebhookSignature.verify(secret, timestamp, body, signature))) {
            out.accept("  automation → " + path + " (BAD SIGNATURE): refused");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        JsonNode call;
        try {
            call = JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        String key = call.path("idempotencyKey").asText("");
        String step = call.path("step").asText("");
        String candidate = "job-" + jobCount.incrementAndGet();
        String earlier = jobs.putIfAbsent(key, candidate);
        boolean fresh = earlier == null;
        String jobId = fresh ? candidate : earlier;
        automationCalls.add(new Message(
                Instant.now(), path, key, signature == null ? null : true, new String(body, StandardCharsets.UTF_8)));
        out.accept("  automation → " + path + (signature == null ? "" : " (signature ok)") + ": " + clip(step)
                + (fresh ? " — " + jobId + " started" : " — " + jobId + " already ran for this key, not run again"));
        byte[] answer = ("{\"JobIds\":[\"" + jobId + "\"]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(fresh ? 202 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        if (fresh && call.path("callback").hasNonNull("url")) {
            String url = call.path("callback").path("url").asText();
            String callbackKey = call.path("callback").path("key").asText();
            callbacks.schedule(() -> callBack(url, callbackKey, jobId, path, step, out), 2, TimeUnit.SECONDS);
        }
    }

    private void callBack(
            String url, String callbackKey, String jobId, String path, String step, Consumer<String> out) {
        String outcome = JsonCodec.mapper()
                .createObjectNode()
                .put("status", "succeeded")
                .put(
                        "evidence",
                        "Local automation " + jobId + " (" + path.substring("/automation/".length()) + ") completed: "
                                + step)
                .put("detail", "run by the local inbox")
                .toString();
        long ts = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                            .header(WebhookSignature.SIGNATURE_HEADER, StepCallback.sign(callbackKey, ts, outcome))
                            .POST(HttpRequest.BodyPublishers.ofString(outcome))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            out.accept(
                    "  automation ← " + jobId + " reported success for \"" + clip(step) + "\": HTTP " + r.statusCode());
        } catch (IOException | RuntimeException e) {
            out.accept("  automation ← " + jobId + " could not report its outcome to " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A one-line gist of a page whatever the channel's format: its title or first text. */
    private static String summary(String body) {
        try {
            JsonNode json = JsonCodec.mapper().readTree(body);
            for (String field : new String[] {"title", "text", "summary", "subject"}) {
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
        callbacks.shutdownNow();
        mailWatch.interrupt();
        server.stop(0);
        smtp.stop();
    }
}
