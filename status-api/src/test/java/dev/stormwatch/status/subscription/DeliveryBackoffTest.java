package dev.stormwatch.status.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule of deliveries (their signature is contracts' WebhookSignature, tested there). */
class DeliveryBackoffTest {

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
