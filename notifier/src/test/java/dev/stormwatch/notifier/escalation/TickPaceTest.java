package dev.stormwatch.notifier.escalation;

import static dev.stormwatch.notifier.escalation.EscalationHarness.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tick's pace (default settings: {@code tick} 20 ms, {@code quiet-tick} 1 s). Kafka Streams commits a task after
 * every punctuation, so a task with nothing to do ticks once a second, not fifty times; while a channel's answer is
 * awaited it ticks every 20 ms, so the answer is recorded within one tick; a timer that falls due after a quiet spell
 * still fires within one tick of its instant. The driver's wall clock is the only clock.
 */
class TickPaceTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final Catalog CATALOG = EscalationHarness.catalog("/catalogs/escalation.yaml");
    static final Duration TICK = TestConfigs.settings().tick();

    /** A webhook channel whose answer the test gives, later, from its own thread. */
    static final class HeldChannel implements Channel {
        final List<CompletableFuture<ChannelResult>> pending = new CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "webhook";
        }

        @Override
        public CompletionStage<ChannelResult> send(OutgoingMessage message) {
            CompletableFuture<ChannelResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }
    }

    EscalationHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private double punctuations() {
        return h.driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("punctuate-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private List<Notification> delivered() {
        return h.readNotifications().stream()
                .filter(n -> n.result() == DeliveryResult.DELIVERED)
                .toList();
    }

    @Test
    void aTaskWithNothingToDoTicksOncePerQuietTick() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        double before = punctuations();
        h.advanceTo(T0.plus(Duration.ofSeconds(60)), TICK);
        // One short tick to restore the timers, then one a second: 60 in a minute, where a fixed 20 ms tick made 3 000.
        assertEquals(60, punctuations() - before);
    }

    @Test
    void whileAnAnswerIsAwaitedTheTickKeepsItsShortPaceThenSlowsDown() {
        HeldChannel webhook = new HeldChannel();
        h = new EscalationHarness(
                T0,
                TestConfigs.settings(),
                new DestinationPolicy(List.of("127.0.0.0/8"), true),
                Map.of("webhook", webhook));
        h.publishCatalog(CATALOG, "catalog-1");
        h.advanceTo(T0.plus(Duration.ofSeconds(5)), TICK);
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, h.now()));
        assertEquals(1, webhook.pending.size(), "alex's level-1 page is with the channel");

        double before = punctuations();
        h.advanceTo(h.now().plusSeconds(2), TICK);
        assertEquals(100, punctuations() - before, "every 20 ms while the answer is awaited");

        webhook.pending.get(0).complete(ChannelResult.delivered("HTTP 200"));
        assertEquals(List.of(), delivered(), "the answer waits for the stream thread");
        h.advanceTo(h.now().plus(TICK), TICK);
        List<Notification> delivered = delivered();
        assertEquals(1, delivered.size(), "the answer is recorded at the next tick: " + delivered);
        assertEquals("alex", delivered.get(0).contactId());

        // Delivered, and the next level is 15 minutes away: back to one tick a second.
        before = punctuations();
        h.advanceTo(h.now().plusSeconds(10), TICK);
        assertEquals(10, punctuations() - before);
    }

    @Test
    void aPageWaitingForItsCatalogWaitsAtTheQuietPaceAndGoesOutWithinAQuietTickOfTheCatalog() {
        h = new EscalationHarness(T0);
        h.advanceTo(T0.plus(Duration.ofSeconds(5)), TICK);
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, h.now()));
        double before = punctuations();
        h.advanceTo(h.now().plusSeconds(60), TICK);
        // A catalog the notifier refused may never come: the waiting page does not keep the short pace.
        assertEquals(60, punctuations() - before);
        assertEquals(List.of(), h.delivered, "nobody is paged without a catalog");

        Instant published = h.now();
        h.publishCatalog(CATALOG, "catalog-1");
        h.advanceTo(published.plus(TestConfigs.settings().quietTick()), TICK);
        assertEquals(
                List.of("alex"),
                h.delivered.stream().map(EscalationHarness.Delivered::contactId).toList(),
                "level 1 goes out within a quiet tick of the catalog");
    }

    @Test
    void aTimerDueAfterAQuietSpellFiresWithinOneTickOfItsInstant() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        Instant opened = T0.plus(Duration.ofMillis(4_350)); // off the quiet tick's phase on purpose
        h.advanceTo(opened, TICK);
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, opened));
        Instant due = opened.plus(Duration.ofMinutes(15)); // level 2 of the policy, no acknowledgement
        h.advanceTo(due.minus(Duration.ofSeconds(3)), Duration.ofSeconds(1));
        h.advanceTo(due.plus(Duration.ofSeconds(1)), TICK);
        List<Instant> levelTwo = h.delivered.stream()
                .filter(d -> d.contactId().equals("priya"))
                .map(EscalationHarness.Delivered::at)
                .toList();
        assertEquals(1, levelTwo.size(), "priya is paged once: " + levelTwo);
        Instant at = levelTwo.get(0);
        assertTrue(!at.isBefore(due) && !at.isAfter(due.plus(TICK)), "level 2 due at " + due + " went out at " + at);
    }
}
