package dev.stormwatch.contracts.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP server on loopback: it connects to the address the policy checked, not to a second
 * answer of the name, and never connects where the policy refuses.
 */
class OutboundHttpTest {

    static HttpServer server;
    static final List<String> hosts = new CopyOnWriteArrayList<>();
    static final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/fail") ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        hosts.clear();
        bodies.clear();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Test
    void connectsToTheCheckedAddressWithTheUrlsHostName() throws Exception {
        // The name resolves once to loopback (allowed here), then to a public address: a second lookup at connect
        // time would miss the server; the sender uses the first answer, the one the policy judged.
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy policy = new DestinationPolicy(List.of("127.0.0.0/8"), false, host -> {
            if (!host.equals("receiver.example.com")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "192.0.2.1")
            };
        });
        try (OutboundHttp http = new OutboundHttp(policy, Duration.ofSeconds(2))) {
            OutboundHttp.Answer answer = http.postAndWait(
                    URI.create("http://receiver.example.com:" + port() + "/hook?x=1"),
                    Map.of("Content-Type", "application/json"),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, answer.status());
            assertEquals(OutboundHttp.BODY_LIMIT, answer.body().length());
            assertEquals(List.of("receiver.example.com:" + port()), hosts);
            assertEquals(List.of("{\"a\":1}"), bodies);
            assertEquals(1, lookups.get());
        }
    }

    @Test
    void aNameThatResolvesToAnInternalAddressIsNeverConnected() {
        DestinationPolicy policy =
                new DestinationPolicy(List.of(), true, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        try (OutboundHttp http = new OutboundHttp(policy, Duration.ofSeconds(2))) {
            OutboundHttp.RefusedDestination refused = assertThrows(
                    OutboundHttp.RefusedDestination.class,
                    () -> http.postAndWait(
                            URI.create("http://rebind.example.com:" + port() + "/hook"), Map.of(), new byte[0]));
            assertEquals(
                    "rebind.example.com resolves to internal address 127.0.0.1, which the destination allow-list does "
                            + "not allow",
                    refused.getMessage());
            assertFalse(refused.retryable());
            assertTrue(hosts.isEmpty(), "the receiver was called: " + hosts);
        }
    }

    @Test
    void aLoopbackLiteralIsRefusedUnlessAllowed() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + port() + "/fail");
        try (OutboundHttp strict = new OutboundHttp(new DestinationPolicy(List.of(), true), Duration.ofSeconds(2))) {
            assertThrows(OutboundHttp.RefusedDestination.class, () -> strict.postAndWait(url, Map.of(), new byte[0]));
        }
        assertTrue(hosts.isEmpty());
        try (OutboundHttp allowing =
                new OutboundHttp(new DestinationPolicy(List.of("127.0.0.1"), true), Duration.ofSeconds(2))) {
            assertEquals(503, allowing.postAndWait(url, Map.of(), new byte[0]).status());
        }
        assertEquals(List.of("127.0.0.1:" + port()), hosts);
    }
}
