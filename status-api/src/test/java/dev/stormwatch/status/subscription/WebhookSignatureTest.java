package dev.stormwatch.status.subscription;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delivery signature and the retry schedule. */
class WebhookSignatureTest {

    @Test
    void signatureIsHexHmacSha256OfTheBody() {
        // RFC 4231-style known answer (the widely published HMAC-SHA256 "quick brown fox" vector).
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                WebhookSignature.of("key", "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void backOffDoublesFromTheInitialWaitUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(10);
        assertEquals(Duration.ofSeconds(1), DeliveryWorker.backoff(initial, max, 1));
        assertEquals(Duration.ofSeconds(2), DeliveryWorker.backoff(initial, max, 2));
        assertEquals(Duration.ofSeconds(4), DeliveryWorker.backoff(initial, max, 3));
        assertEquals(Duration.ofSeconds(8), DeliveryWorker.backoff(initial, max, 4));
        assertEquals(Duration.ofSeconds(10), DeliveryWorker.backoff(initial, max, 5));
        assertEquals(Duration.ofSeconds(10), DeliveryWorker.backoff(initial, max, 30));
    }
}
