package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where the local run's pages land: a real HTTP server on loopback standing in for the contacts' Teams, Slack and
 * webhook endpoints of the example catalog ({@code http://127.0.0.1:8090/inbox/<contact>}, {@code /teams/…},
 * {@code /slack/…}). It checks the generic webhook's HMAC signature as a real receiver would, and reports each page
 * on one console line, so that a newcomer sees who was paged and about what. Email goes to a real SMTP server
 * (GreenMail) on loopback, reported the same way.
 */
public final class LocalInbox implements AutoCloseable {

    /** One message received. {@code signatureValid} is null where the channel carries no signature. */
    public record Message(Instant at, String path, String summary, Boolean signatureValid, String body) {
    }


    private final HttpServer server;
    private final GreenMail smtp;
    private final Thread mailWatch;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private LocalInbox(HttpServer server, GreenMail smtp, Consumer<String> out) {
        this.server = server;
        this.smtp = smtp;
        this.mailWatch = new Thread(() -> watchMail(out), "local-inbox-smtp");
        this.mailWatch.setDaemon(true);
        this.mailWatch.start();
    }

    /**
     * Starts the HTTP inbox on {@code port} and the SMTP inbox on {@code smtpPort} (0: free ones); {@code secret} checks
     * webhook signatures; {@code out} gets a line per page.
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
                    String to = String.join(",", java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList());
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

    private void receive(HttpExchange exchange, String secret, Consumer<String> out) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(2 * 1024 * 1024);
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Boolean valid = null;
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            if (path.startsWith("/inbox/")) {
                String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
                valid = secret != null && signature != null && timestamp != null
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
        mailWatch.interrupt();
        server.stop(0);
        smtp.stop();
    }
}
