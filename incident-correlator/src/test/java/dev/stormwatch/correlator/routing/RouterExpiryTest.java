package dev.stormwatch.correlator.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import dev.stormwatch.correlator.platform.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router's timer dead-letters a kept event on the first tick after its grace period (10 minutes) has passed, and
 * forgets a tracking id on the first tick after the history retention (30 days) since it was last seen — events due on
 * the same tick in the order of their ids — including what a restarted task finds in its stores.
 */
class RouterExpiryTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration RETENTION = Duration.ofDays(30);
    static final Duration TICK = Duration.ofSeconds(1);

    CorrelatorDriver driver = new CorrelatorDriver(T0);

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void keptEventsAreDeadLetteredOnTheFirstTickPastTheirGraceInTheOrderOfTheirIds() {
        driver.health("he-b", unmatched("UKS-B"));
        driver.health("he-a", unmatched("UKS-A"));
        driver.advance(Duration.ofMinutes(2));
        driver.health("he-c", unmatched("UKS-C"));

        driver.advanceTo(T0.plus(GRACE));
        assertEquals(List.of(), endpoints(), "received exactly the grace period ago: still kept");
        driver.advance(TICK);
        assertEquals(List.of("unmatched/he-a", "unmatched/he-b"), endpoints());

        driver.advanceTo(T0.plus(Duration.ofMinutes(2)).plus(GRACE));
        assertEquals(List.of(), endpoints());
        driver.advance(TICK);
        assertEquals(List.of("unmatched/he-c"), endpoints());
        assertNull(driver.<PendingEvent>store(StoreNames.ROUTING_PENDING).get("he-c"));
    }

    @Test
    void aTrackingIdIsForgottenOnTheFirstTickPastTheRetentionSinceItWasLastSeen() {
        driver.catalog(Catalogs.contoso());
        driver.health(HealthEvents.incident("STG-1", "Storage", HealthEvents.PRIMARY, T0)
                .build());
        driver.advance(Duration.ofDays(1));
        driver.health(HealthEvents.incident("STG-2", "Storage", HealthEvents.PRIMARY, T0)
                .build());
        KeyValueStore<String, TrackedPlatforms> tracked = driver.store(StoreNames.ROUTING_TRACKED);
        assertEquals(List.of(Catalogs.CONTOSO), tracked.get("STG-1").platformIds());

        driver.advanceTo(T0.plus(RETENTION));
        assertNotNull(tracked.get("STG-1"), "last seen exactly the retention ago: still remembered");
        driver.advance(TICK);
        assertNull(tracked.get("STG-1"));
        assertNotNull(tracked.get("STG-2"));
        driver.advanceTo(T0.plus(Duration.ofDays(1)).plus(RETENTION).plus(TICK));
        assertNull(tracked.get("STG-2"));
    }

    @Test
    void whatARestartedTaskFindsInItsStoresExpiresOnTime() {
        // The stores as a restarted task restores them, written before the router has read anything.
        KeyValueStore<String, PendingEvent> pending = driver.store(StoreNames.ROUTING_PENDING);
        pending.put("he-new", new PendingEvent(envelope("he-new", unmatched("UKS-NEW")), T0));
        pending.put(
                "he-old", new PendingEvent(envelope("he-old", unmatched("UKS-OLD")), T0.minus(Duration.ofMinutes(9))));
        KeyValueStore<String, TrackedPlatforms> tracked = driver.store(StoreNames.ROUTING_TRACKED);
        tracked.put(
                "TRK-OLD",
                new TrackedPlatforms(List.of("p"), T0.minus(RETENTION).plusSeconds(30)));
        tracked.put(
                "TRK-NEW",
                new TrackedPlatforms(List.of("p"), T0.minus(RETENTION).plusSeconds(90)));

        driver.advanceTo(T0.plusSeconds(30));
        assertNotNull(tracked.get("TRK-OLD"));
        driver.advance(TICK);
        assertNull(tracked.get("TRK-OLD"));
        assertNotNull(tracked.get("TRK-NEW"));

        driver.advanceTo(T0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), endpoints());
        driver.advance(TICK);
        assertEquals(List.of("unmatched/he-old"), endpoints());
        driver.advanceTo(T0.plus(GRACE).plus(TICK));
        assertEquals(List.of("unmatched/he-new"), endpoints());
        assertNull(tracked.get("TRK-NEW"));
    }

    List<String> endpoints() {
        return driver.deadLetters().stream().map(RejectedInput::endpoint).toList();
    }

    static HealthEvent unmatched(String trackingId) {
        return HealthEvents.incident(trackingId, "Storage", "uksouth", T0).build();
    }

    static Envelope<HealthEvent> envelope(String id, HealthEvent event) {
        return Envelope.of(id, Events.HEALTH_EVENT, "/stormwatch/health-ingest", event.key(), T0, false, event);
    }
}
