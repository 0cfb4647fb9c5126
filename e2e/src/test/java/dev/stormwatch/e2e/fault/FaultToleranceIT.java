package dev.stormwatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.e2e.support.Eventually;
import dev.stormwatch.e2e.support.HealthEventFeed;
import dev.stormwatch.e2e.support.NothingLost;
import dev.stormwatch.e2e.support.PlatformFleet;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.e2e.support.Topic;
import dev.stormwatch.local.launch.ServiceLayout;
import dev.stormwatch.local.launch.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault tests: the packaged services on the real broker, fed a stream of canonical health events through
 * health-ingest's batch endpoint by a client that retries until it gets a 202, while a fault is injected mid-stream.
 * Each scenario uses its own {@link PlatformFleet} (platforms in regions no other scenario uses), so its expected
 * incidents and pages are exact: one incident per platform holding exactly its tracking ids, one level-1 page per
 * incident. {@link NothingLost} then checks that every accepted event is on health-events.v1 exactly once, no incident
 * is duplicated, no page lost and nobody paged twice for the same level.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    // Generous: after a kill -9 the correlator has been seen rebalancing (fenced producers) for over two minutes on a
    // loaded machine before it caught up; these tests are about nothing being lost, not about speed.
    private static final Duration SETTLE = Duration.ofSeconds(240);
    private static RunningSystem system;
    private static int regionsUsed;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("fault");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void duplicatedAndReorderedEventsMakeOneIncidentPerTrackingIdWhereTheLatestVersionWins() throws Exception {
        PlatformFleet fleet = fleet("dup", 3);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        List<HealthEvent> first = new ArrayList<>();
        List<HealthEvent> second = new ArrayList<>();
        List<HealthEvent> stale = new ArrayList<>();
        List<HealthEvent> latest = new ArrayList<>();
        for (int p = 0; p < fleet.size(); p++) {
            String key = "DUP-" + p;
            expected.put(fleet.platformId(p), Set.of(key));
            HealthEvent v1 = HealthEventFeed.storageEvent(
                    key, fleet.region(p), start, start.plusSeconds(60), HealthStage.ACTIVE, "first");
            HealthEvent v2 = HealthEventFeed.storageEvent(
                    key, fleet.region(p), start, start.plusSeconds(120), HealthStage.ACTIVE, "second");
            HealthEvent v3 = HealthEventFeed.storageEvent(
                    key, fleet.region(p), start, start.plusSeconds(180), HealthStage.RESOLVED, "resolved");
            first.add(v2);
            first.add(v2);
            stale.add(v1);
            second.add(v3);
            second.add(v1);
            second.add(v3);
            latest.add(v1);
        }
        HealthEventFeed feed = new HealthEventFeed(system.url(ServiceLayout.HEALTH_INGEST), RunningSystem.INGEST_TOKEN);
        // v2 twice in one batch: one accepted, one duplicate; v1 after v2: stale, not published.
        assertEquals(
                List.of("accepted", "duplicate", "accepted", "duplicate", "accepted", "duplicate"),
                feed.post(first, SETTLE).stream()
                        .map(HealthEventFeed.Outcome::outcome)
                        .toList());
        assertEquals(
                List.of("stale", "stale", "stale"),
                feed.post(stale, SETTLE).stream()
                        .map(HealthEventFeed.Outcome::outcome)
                        .toList());
        // The incident is open and paged before the provider resolves it.
        NothingLost.assertAccounted(system, fleet, expected, feed.stored(), SETTLE);
        assertEquals(
                List.of(
                        "accepted",
                        "stale",
                        "duplicate",
                        "accepted",
                        "stale",
                        "duplicate",
                        "accepted",
                        "stale",
                        "duplicate"),
                feed.post(second, SETTLE).stream()
                        .map(HealthEventFeed.Outcome::outcome)
                        .toList());
        Map<String, Incident> resolved = Eventually.await(
                "incidents resolved by the latest version",
                SETTLE,
                () -> {
                    Map<String, List<Incident>> now =
                            NothingLost.latestIncidents(system.bootstrapServers(), expected.keySet());
                    boolean done = now.size() == fleet.size()
                            && now.values().stream()
                                    .allMatch(l -> l.size() == 1 && l.get(0).state() != IncidentState.OPEN);
                    Map<String, Incident> one = new LinkedHashMap<>();
                    now.forEach((k, v) -> one.put(k, v.get(0)));
                    return done ? Optional.of(one) : Optional.empty();
                },
                system::logs);
        NothingLost.Verdict verdict = NothingLost.assertAccounted(system, fleet, expected, feed.stored(), SETTLE);
        resolved.values()
                .forEach(i -> assertEquals(IncidentState.RESOLVED, i.state(), "resolved by the provider: " + i.id()));

        // Straight onto health-events.v1, as a second ingest path would: the v2 record again (same CloudEvent id) and
        // the v1 update under a new id after v3. Neither may change an incident or page anyone.
        List<CloudEvent> onTopic = Topic.read(system.bootstrapServers(), Topics.HEALTH_EVENTS.name()).stream()
                .filter(e -> e.subject().startsWith("DUP-"))
                .toList();
        List<String> staleIds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (CloudEvent e : onTopic) {
                producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), e.subject(), JsonCodec.toBytes(e)))
                        .get();
            }
            for (HealthEvent v1 : latest) {
                String id = "e2e-reordered-" + v1.trackingId();
                staleIds.add(id);
                CloudEvent e = JsonCodec.envelope(
                        id,
                        EventTypes.HEALTH_EVENT,
                        "/stormwatch/health-ingest/e2e",
                        v1.key(),
                        v1.lastUpdate(),
                        false,
                        v1);
                producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), v1.key(), JsonCodec.toBytes(e)))
                        .get();
            }
        }
        Eventually.await(
                "the correlator's stale-update audit for every reordered event",
                SETTLE,
                () -> {
                    Set<String> seen = new LinkedHashSet<>();
                    for (CloudEvent e : Topic.read(system.bootstrapServers(), Topics.AUDIT.name())) {
                        if (e.type().equals(EventTypes.AUDIT)) {
                            AuditRecord a = JsonCodec.data(e, AuditRecord.class);
                            staleIds.stream()
                                    .filter(id -> a.action().equals("stale-update-ignored")
                                            && a.detail().contains(id))
                                    .forEach(seen::add);
                        }
                    }
                    return seen.size() == staleIds.size() ? Optional.of(seen) : Optional.empty();
                },
                system::logs);
        Map<String, List<Incident>> after = NothingLost.latestIncidents(system.bootstrapServers(), expected.keySet());
        for (Map.Entry<String, Incident> e : resolved.entrySet()) {
            assertEquals(1, after.get(e.getKey()).size(), "still one incident on " + e.getKey());
            Incident now = after.get(e.getKey()).get(0);
            assertEquals(IncidentState.RESOLVED, now.state(), "an older update does not reopen " + now.id());
            assertEquals(
                    e.getValue().version(),
                    now.version(),
                    "a duplicate or older update writes no new version of " + now.id());
        }
        assertEquals(
                verdict.pageByIncident().keySet(),
                NothingLost.openedPages(system.bootstrapServers(), expected.keySet())
                        .keySet());
        NothingLost.openedPages(system.bootstrapServers(), expected.keySet())
                .forEach((incident, pages) -> assertEquals(1, pages.size(), "paged once for " + incident));
    }

    @Test
    @Order(2)
    void secondCorrelatorAndNotifierJoinAndLeaveMidStream() throws Exception {
        PlatformFleet fleet = fleet("scale", 4);
        ServiceProcess[] extra = new ServiceProcess[2];
        Scenario run = Scenario.of(fleet, 5, 100, 100).during(batch -> {
            if (batch == 4) {
                extra[0] = system.startInstance(ServiceLayout.CORRELATOR, "second");
                extra[1] = system.startInstance(ServiceLayout.NOTIFIER, "second");
            } else if (batch == 14) {
                extra[0].close();
                extra[1].kill();
            }
        });
        run.verify();
    }

    @Test
    @Order(3)
    void healthIngestKilledMidStream() throws Exception {
        killedMidStream(ServiceLayout.HEALTH_INGEST, "k-ingest");
    }

    @Test
    @Order(4)
    void correlatorKilledMidStream() throws Exception {
        killedMidStream(ServiceLayout.CORRELATOR, "k-corr");
    }

    @Test
    @Order(5)
    void notifierKilledMidStream() throws Exception {
        killedMidStream(ServiceLayout.NOTIFIER, "k-notif");
    }

    @Test
    @Order(6)
    void statusApiKilledMidStream() throws Exception {
        killedMidStream(ServiceLayout.STATUS_API, "k-status");
        // status-api rebuilt its view from the topics: each incident listed once.
        String list = io.restassured.RestAssured.given()
                .baseUri(system.url(ServiceLayout.STATUS_API))
                .header("X-API-Key", RunningSystem.API_KEYS.get("viewer"))
                .get("/api/v1/incidents")
                .asString();
        for (int p = 0; p < 3; p++) {
            String platform = "k-status-" + p;
            int count = list.split("\"platformId\":\"" + platform + "\"", -1).length - 1;
            assertEquals(1, count, "status-api lists the incident of " + platform + " once: " + list);
        }
    }

    @Test
    @Order(7)
    void brokerStoppedAndRestartedUnderTenThousandEvents() throws Exception {
        brokerRestartedUnderTenThousandEvents("broker", Duration.ofSeconds(3));
    }

    /**
     * The broker away longer than health-ingest waits for Kafka (15 s): requests in flight are answered 503 while their
     * records may still be in the producer's buffer, and the client sends them again. Still each event once.
     */
    @Test
    @Order(8)
    @Tag("fault-long")
    void brokerAwayLongerThanTheIngestPublishTimeout() throws Exception {
        brokerRestartedUnderTenThousandEvents("broker-long", Duration.ofSeconds(25));
    }

    private static void brokerRestartedUnderTenThousandEvents(String name, Duration down) throws Exception {
        PlatformFleet fleet = fleet(name, 10);
        int[] batchesWhenBack = {-1};
        Scenario run = Scenario.of(fleet, 5, 200, 200);
        run.during(batch -> {
            if (batch == 15) {
                system.restartBroker(down);
                batchesWhenBack[0] = run.answered.get();
            }
        });
        assertEquals(10_000, run.events);
        assertTrue(
                batchesWhenBack[0] >= 0 && batchesWhenBack[0] < run.batches.size(),
                "the broker was back before the stream ended (" + batchesWhenBack[0] + " of " + run.batches.size()
                        + " batches answered)");
        run.verify();
    }

    private static void killedMidStream(ServiceLayout service, String name) throws Exception {
        PlatformFleet fleet = fleet(name, 3);
        Scenario.of(fleet, 4, 100, 100)
                .during(batch -> {
                    if (batch == 4) {
                        system.killAndRestart(service, Duration.ofMillis(500));
                    }
                })
                .verify();
    }

    private static PlatformFleet fleet(String name, int platforms) {
        PlatformFleet fleet =
                new PlatformFleet(name, regionsUsed, platforms, system.inbox().url());
        regionsUsed += platforms;
        fleet.catalogs().forEach(system::publish);
        return fleet;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        system.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * {@code tracking} tracking ids per platform, each updated {@code versions} times (the same content, a later
     * lastUpdate each time), posted in order in batches of {@code batch} events; {@code fault} runs on the test thread
     * after the given number of batches went through while the stream goes on.
     */
    private static final class Scenario {
        final PlatformFleet fleet;
        final List<List<HealthEvent>> batches = new ArrayList<>();
        final Map<String, Set<String>> expected = new LinkedHashMap<>();
        final int events;
        HealthEventFeed feed;
        long millis;
        final AtomicInteger answered = new AtomicInteger();

        private Scenario(PlatformFleet fleet, int tracking, int versions, int batch) {
            this.fleet = fleet;
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
            List<HealthEvent> all = new ArrayList<>();
            for (int v = 0; v < versions; v++) {
                for (int p = 0; p < fleet.size(); p++) {
                    for (int t = 0; t < tracking; t++) {
                        String key = fleet.platformId(p).toUpperCase() + "-T" + t;
                        expected.computeIfAbsent(fleet.platformId(p), k -> new LinkedHashSet<>())
                                .add(key);
                        all.add(HealthEventFeed.storageEvent(
                                key,
                                fleet.region(p),
                                start,
                                start.plusMillis(v * 1000L + 1),
                                HealthStage.ACTIVE,
                                "Customers may see errors"));
                    }
                }
            }
            for (int i = 0; i < all.size(); i += batch) {
                batches.add(all.subList(i, Math.min(all.size(), i + batch)));
            }
            this.events = all.size();
        }

        static Scenario of(PlatformFleet fleet, int tracking, int versions, int batch) {
            return new Scenario(fleet, tracking, versions, batch);
        }

        /** Streams every batch from another thread; {@code fault} gets the number of batches answered so far. */
        Scenario during(IntConsumer fault) throws Exception {
            feed = new HealthEventFeed(system.url(ServiceLayout.HEALTH_INGEST), RunningSystem.INGEST_TOKEN);
            AtomicInteger done = answered;
            long began = System.nanoTime();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (List<HealthEvent> b : batches) {
                    assertEquals(b.size(), feed.post(b, Duration.ofSeconds(240)).size());
                    done.incrementAndGet();
                }
            });
            Set<Integer> fired = new java.util.HashSet<>();
            while (!stream.isDone()) {
                int now = done.get();
                for (int at = 0; at <= now; at++) {
                    if (fired.add(at)) {
                        fault.accept(at);
                    }
                }
                Thread.sleep(20);
            }
            stream.get(1, TimeUnit.SECONDS);
            millis = (System.nanoTime() - began) / 1_000_000;
            return this;
        }

        void verify() {
            assertEquals(events, feed.outcomes().size(), "every event posted got an outcome");
            long accepted = feed.outcomes().stream()
                    .filter(o -> o.outcome().equals("accepted"))
                    .count();
            long duplicates = feed.outcomes().stream()
                    .filter(o -> o.outcome().equals("duplicate"))
                    .count();
            assertEquals(
                    0,
                    feed.outcomes().stream()
                            .filter(o -> o.outcome().equals("stale"))
                            .count(),
                    "nothing stale in an ordered stream");
            // A batch answered 503 may have stored part of its events: sent again, those are duplicates, never new.
            assertEquals(
                    events, accepted + duplicates, "every event accepted, or found already stored when sent again");
            long twice = accepted - feed.accepted().size();
            System.out.printf(
                    "%s: %d events, %d answers 'accepted' for %d distinct ids, %d retries %s%n",
                    fleet.platformId(0), events, accepted, feed.accepted().size(), feed.retries(), feed.refusals());
            NothingLost.Verdict verdict = NothingLost.assertAccounted(system, fleet, expected, feed.stored(), SETTLE);
            assertEquals(0, twice, "ids answered 'accepted' in two 202 answers (stored twice)");
            assertTrue(verdict.healthEventRecords() == events);
            System.out.printf(
                    "%s: %d events in %d ms, %d retries %s, %d incidents, %d pages%n",
                    fleet.platformId(0),
                    events,
                    millis,
                    feed.retries(),
                    feed.refusals(),
                    verdict.incidentByPlatform().size(),
                    verdict.pageByIncident().size());
        }
    }
}
