package dev.stormwatch.status.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a subscription's owner learns from a failed delivery: a destination the policy refuses, a port nobody listens on
 * and a listening port read the same, so that subscriptions cannot be used to map which internal ports are open.
 */
class WebhookDeliveryTest {

    static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRefusedDestinationAndAClosedPortReadTheSame() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closed + "/hook");
        String refused;
        try (OutboundHttp strict = new OutboundHttp(new DestinationPolicy(List.of(), true), Duration.ofSeconds(2))) {
            refused = new WebhookDelivery(strict)
                    .post(url, "sub-1", "ev-1", 1, BODY, "secret-0000000000001")
                    .error();
        }
        String unreachable;
        try (OutboundHttp allowing =
                new OutboundHttp(new DestinationPolicy(List.of("127.0.0.0/8"), true), Duration.ofSeconds(2))) {
            unreachable = new WebhookDelivery(allowing)
                    .post(url, "sub-1", "ev-1", 1, BODY, "secret-0000000000001")
                    .error();
        }
        assertEquals("no HTTP answer from http://127.0.0.1:" + closed + " for event ev-1", refused);
        assertEquals(refused, unreachable);
    }

    @Test
    void aPortThatAcceptsButNeverAnswersReadsTheSameToo() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                OutboundHttp allowing =
                        new OutboundHttp(new DestinationPolicy(List.of("127.0.0.0/8"), true), Duration.ofMillis(500))) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hook");
            assertEquals(
                    "no HTTP answer from http://127.0.0.1:" + silent.getLocalPort() + " for event ev-2",
                    new WebhookDelivery(allowing)
                            .post(url, "sub-1", "ev-2", 1, BODY, "secret-0000000000001")
                            .error());
        }
    }
}
