package dev.stormwatch.notifier.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automated steps' HTTP goes through the paging webhooks' sender: an address the destination policy refuses is never
 * connected to (the target sees no request), and a run's status answer is read whole, far beyond the paging sender's 4
 * KiB (a GitHub run object is tens of KiB).
 */
class ActionHttpTest {

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final String run = "{\"status\":\"completed\",\"pad\":\"" + "x".repeat(40_000) + "\",\"conclusion\":\"success\"}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = run.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/runs/7";
    }

    @Test
    void aNameResolvingToAnInternalAddressIsNeverCalled() {
        DestinationPolicy policy = new DestinationPolicy(List.of(), true, host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        try (OutboundHttp http = new OutboundHttp(policy, Duration.ofSeconds(5), ActionHttp.BODY_LIMIT)) {
            String url = "http://automation.example:" + server.getAddress().getPort() + "/runs/7";
            ActionHttp.Answer answer = new ActionHttp(http).post(url, "{}", Map.of());
            assertEquals(0, answer.status());
            assertEquals(
                    "destination refused: automation.example resolves to internal address 127.0.0.1, which the"
                            + " destination allow-list does not allow",
                    answer.error());
            assertFalse(answer.retryable());
            assertEquals(0, requests.get(), "the target saw no request");
        }
    }

    @Test
    void aRunStatusAnswerIsReadWhole() {
        try (OutboundHttp http = new OutboundHttp(
                new DestinationPolicy(List.of("127.0.0.0/8"), false), Duration.ofSeconds(5), ActionHttp.BODY_LIMIT)) {
            ActionHttp.Answer answer = new ActionHttp(http).get(url(), Map.of("Authorization", "Bearer t"));
            assertEquals(200, answer.status());
            assertEquals(run, answer.body());
            assertEquals(1, requests.get());
        }
    }
}
