package dev.stormwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.KafkaAccess;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.e2e.support.CaughtUp;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.Scenario;
import dev.stormwatch.local.launch.ScenarioReplay;
import dev.stormwatch.local.launch.ServiceLayout;
import dev.stormwatch.testsupport.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four real Azure outages, replayed from {@code deploy/scenarios} through the real ingest endpoint into the real broker
 * and the four packaged services, each against the catalog whose primary region the outage hit. The alerts are what
 * Azure sends: level Warning, one common-alert-schema alert per service and subscription, updates that revise the
 * impact start, services resolved at different times. For each replay the whole decision flow is checked:
 *
 * <ul>
 *   <li>{@code invoke-dr} is raised within seconds of the first alert for a priority component in the primary region,
 *       with the strategy's recommendation and a deadline of impact start + RTO − critical path (with contingency);
 *   <li>the deadline follows every revision of the impact start, to the instant;
 *   <li>every named service's components are in outage in the primary region until that service's own resolution;
 *   <li>no incident state and no component state goes back;
 *   <li>what comes after the provider's recovery (fallback, business sign-off, cancelling invoke-dr) comes only once
 *       every impacted service of the primary region is resolved.
 * </ul>
 *
 * Time: the scenario's payload times are placed so that its first alert is stamped now; steps are played one after the
 * other as soon as the previous one has taken effect, so the deadlines are hours ahead of the services' clocks and
 * nothing expires during the test.
 */
class RealOutageReplayIT {

    private static final Pattern TIME = Pattern.compile("\\{\\{t:([^}]+)}}");
    /** How long a decision may take to be raised after the alert that calls for it. */
    private static final Duration RAISED_WITHIN = Duration.ofSeconds(15);

    private static final Duration SETTLE = Duration.ofSeconds(60);

    /** The test's own consumer logs every partition seek at INFO; held so that the level stays. */
    private static final java.util.logging.Logger CLIENT_LOGS = quiet("org.apache.kafka");

    private static RunningSystem system;
    private static Path scenarios;
    private static Recorder recorder;
    private static CaughtUp correlator;

    private static java.util.logging.Logger quiet(String category) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @BeforeAll
    static void start() {
        system = RunningSystem.start("real-outage-replays");
        scenarios = RunningSystem.repo().resolve("deploy/scenarios");
        recorder = new Recorder(
                system.bootstrapServers(),
                List.of(Topics.COMPONENT_STATUS.name(), Topics.INCIDENTS.name(), Topics.DR_DECISIONS.name()));
        correlator = new CaughtUp(system.bootstrapServers(), KafkaAccess.INCIDENT_CORRELATOR.streamsApplicationId());
        warmUp();
    }

    /**
     * The first alert after a start crosses cold code and the Streams applications' first assignment; one outage of the
     * example platform goes all the way to its invoke-dr before any replay is timed, so the "within seconds" bound
     * measures the pipeline rather than the start.
     */
    private static void warmUp() {
        String platform = system.publishContoso(yaml -> yaml).platformId();
        Scenario storage = Scenario.load(scenarios, "storage-outage");
        Scenario.Step first = storage.steps().stream()
                .filter(s -> s.post() != null)
                .findFirst()
                .orElseThrow();
        ScenarioReplay player = new ScenarioReplay(
                storage,
                platform,
                system.url(ServiceLayout.HEALTH_INGEST),
                system.url(ServiceLayout.STATUS_API),
                RunningSystem.INGEST_TOKEN,
                RunningSystem.API_KEYS.get("dr-lead"),
                1,
                Duration.ofSeconds(15),
                line -> {});
        assertEquals(
                202,
                player.step(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(first.offset()), first),
                "warm-up: ingest accepts the example platform's first storage alert");
        Eventually.await(
                "warm-up: the example platform's storage outage raises its invoke-dr",
                Duration.ofMinutes(2),
                () -> decisionsOf(platform).stream()
                        .filter(d -> d.kind() == DecisionKind.INVOKE_DR)
                        .findFirst(),
                system::logs);
    }

    @AfterAll
    static void stop() {
        if (recorder != null) {
            recorder.close();
        }
        if (correlator != null) {
            correlator.close();
        }
        if (system != null) {
            system.close();
        }
    }

    /**
     * Everything written to some topics, in the order written per partition (so per key), kept by one consumer that
     * catches up to the end offsets on every read: a test reads the history many times without a consumer each time.
     */
    static final class Recorder implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions = new ArrayList<>();
        private final Map<String, List<CloudEvent>> events = new LinkedHashMap<>();

        Recorder(String bootstrapServers, List<String> topics) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed"),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                events.put(topic, new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        synchronized List<CloudEvent> read(String topic) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() != null) {
                        events.get(r.topic()).add(JsonCodec.fromJson(r.value(), CloudEvent.class));
                    }
                }
            }
            return List.copyOf(events.get(topic));
        }

        @Override
        public synchronized void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** West Europe, 2LGD-9VG: warm spare, DR invoked and completed, fallback only after Virtual Machines, the last. */
    @Test
    void westEuropeThermalEvent() {
        // Critical path: Key Vault 30 min → lake storage 90 → Databricks 60 = 3 h; RTO 6 h: decide by start + 3 h.
        replay(
                "west-europe-thermal",
                Duration.ofHours(3),
                Map.of(
                        "47m", "3h7m", // first alert: impact since 17:00 (t 7m) → 20:00 UTC
                        "1h47m", "3h"), // revised to 16:53 (t 0m) → 19:53 UTC
                DecisionKind.FALLBACK);
    }

    /**
     * Central US, 1K80-N_8: hot spare, the DR lead waits for Microsoft; sign-off only once Virtual Machines are back.
     */
    @Test
    void centralUsStorageEvent() {
        // Critical path: Key Vault 15 min → order storage 45 → application VMs 30 = 1 h 30; RTO 4 h: start + 2 h 30.
        replay(
                "central-us-storage",
                Duration.ofMinutes(90),
                Map.of(
                        "30m", "2h46m", // first alert: impact since 21:56 (t 16m) → 00:26 UTC
                        "1h20m", "2h30m"), // revised to 21:40 (t 0m) → 00:10 UTC
                DecisionKind.BUSINESS_SIGNOFF);
    }

    /** East US 2, January 2025: redeploy, DR invoked, fallback only after SQL Managed Instance, 54 hours later. */
    @Test
    void eastUs2NetworkingChange() {
        // Critical path: Key Vault 40 min → SQL MI 180 → Synapse 150 → Power BI 40 = 6 h 50; RTO 12 h: start + 5 h 10.
        replay(
                "east-us-2-networking",
                Duration.ofMinutes(410),
                Map.of(
                        "1h29m", "5h39m", // first alert: impact since 23:00 (t 29m) → 04:10 UTC
                        "2h35m", "5h10m"), // revised to 22:31 (t 0m) → 03:41 UTC
                DecisionKind.FALLBACK);
    }

    /** East US, 2LZ0-3DG: warm spare, nobody decides; invoke-dr stays open until Virtual Machines are resolved. */
    @Test
    void eastUsPowerEvent() {
        // Critical path: Key Vault 30 min → payments database 45 → application VMs 90 = 2 h 45; RTO 8 h: start + 5 h
        // 15.
        replay(
                "east-us-power",
                Duration.ofMinutes(165),
                Map.of(
                        "36m", "5h36m", // first alert: impact since 07:45 (t 21m) → 13:00 UTC
                        "1h40m", "5h15m"), // revised to 07:24 (t 0m) → 12:39 UTC
                DecisionKind.BUSINESS_SIGNOFF);
    }

    /**
     * Plays the scenario step by step and checks the decision flow after each step. {@code deadlines}: scenario time of
     * an alert step → the {@code invoke-dr} deadline it must leave, as scenario time. {@code afterRecovery}: the
     * decision that follows the provider's recovery of the primary region in this flow.
     */
    private void replay(String name, Duration criticalPath, Map<String, String> deadlines, DecisionKind afterRecovery) {
        Scenario scenario = Scenario.load(scenarios, name);
        Catalog catalog = publish(scenario.catalog());
        String platform = catalog.platformId();
        String primary = Regions.canonical(catalog.platform().primaryRegion());
        Duration rto = dev.stormwatch.contracts.catalog.DurationText.parse(
                catalog.platform().rto());
        assertEquals(
                criticalPath,
                rto.minus(between(deadlines, scenario)),
                name + ": the expected deadlines use the plan's critical path");

        Scenario.Step firstAlert = scenario.steps().stream()
                .filter(s -> s.post() != null)
                .findFirst()
                .orElseThrow();
        Instant origin = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(firstAlert.offset());
        List<String> narrative = new ArrayList<>();
        ScenarioReplay player = new ScenarioReplay(
                scenario,
                platform,
                system.url(ServiceLayout.HEALTH_INGEST),
                system.url(ServiceLayout.STATUS_API),
                RunningSystem.INGEST_TOKEN,
                RunningSystem.API_KEYS.get("dr-lead"),
                1,
                Duration.ofSeconds(15),
                narrative::add);

        Map<String, Boolean> active = new LinkedHashMap<>(); // service → still impacted in the primary region
        Set<String> named = new LinkedHashSet<>();
        Instant invokeDrAlert = null;
        Duration invokeDrLatency = null;
        String lastPrimaryResolution = lastResolution(scenario);
        int pagesSeen = 0;
        String drLead = catalog.platform().drLead();

        for (Scenario.Step step : scenario.steps()) {
            Instant sent = Instant.now();
            int status = player.step(origin, step);
            if (step.post() != null) {
                assertEquals(
                        202,
                        status,
                        name + " +" + step.at() + ": ingest accepts the alert\n" + String.join("\n", narrative));
                Alert alert = alert(step);
                named.add(alert.service());
                active.put(alert.service(), alert.stage().equals("Active"));

                // Every named service's components: in outage while the service is active, out of it once resolved.
                Map<String, ComponentStatus> statuses = awaitComponents(name, step, platform, primary, catalog, active);

                if (invokeDrAlert == null && hitsPriorityComponent(catalog, alert)) {
                    invokeDrAlert = sent;
                    Decision raised = awaitDecision(
                            name + " +" + step.at() + ": invoke-dr",
                            platform,
                            DecisionKind.INVOKE_DR,
                            d -> true,
                            RAISED_WITHIN);
                    invokeDrLatency = Duration.between(sent, Instant.now());
                    assertTrue(
                            invokeDrLatency.compareTo(RAISED_WITHIN) <= 0,
                            name + ": invoke-dr raised " + invokeDrLatency.toMillis()
                                    + " ms after the first Warning alert for a priority component");
                    assertEquals(
                            Strategy.of(catalog.platform().strategy()).recommendation(),
                            raised.recommendation(),
                            name + ": the strategy's recommendation");
                    assertFalse(raised.rtoAtRisk(), name + ": the deadline is ahead at detection");
                }
                String deadline = deadlines.get(step.at());
                if (deadline != null) {
                    Instant expected = origin.plus(dev.stormwatch.contracts.catalog.DurationText.parse(deadline));
                    Decision d = awaitDecision(
                            name + " +" + step.at() + ": invoke-dr deadline " + expected,
                            platform,
                            DecisionKind.INVOKE_DR,
                            x -> expected.equals(x.deadline()),
                            SETTLE);
                    assertEquals(
                            expected, d.deadline(), name + " +" + step.at() + ": impact start + RTO − critical path");
                }
                boolean primaryResolved = active.values().stream().noneMatch(Boolean::booleanValue);
                // What the same update could have raised wrongly is written once the correlator has consumed it.
                correlator.await(SETTLE);
                if (!primaryResolved) {
                    assertNotRaised(
                            name + " +" + step.at() + " (" + stillActive(active) + " still impacted)",
                            platform,
                            afterRecovery);
                    if (afterRecovery == DecisionKind.BUSINESS_SIGNOFF) {
                        assertInvokeDrNotCancelled(
                                name + " +" + step.at() + " (" + stillActive(active) + " still impacted)", platform);
                    }
                    assertIncidentOpen(name + " +" + step.at(), platform);
                } else if (step.at().equals(lastPrimaryResolution)) {
                    awaitDecision(
                            name + " +" + step.at() + ": " + afterRecovery.wire() + " once every service is resolved",
                            platform,
                            afterRecovery,
                            d -> true,
                            SETTLE);
                }
                assertComponentsNeverWentBack(name, platform, primary, catalog, statuses.keySet());
            } else {
                assertTrue(
                        status >= 200 && status < 300,
                        name + " +" + step.at() + ": " + step.decide().kind() + " "
                                + step.decide().action() + " → " + status + "\n" + String.join("\n", narrative));
            }
            pagesSeen = narrate(narrative, origin, catalog, pagesSeen);
            assertIncidentsNeverWentBack(name, platform);
        }
        assertTrue(invokeDrLatency != null, name + ": invoke-dr was raised");
        assertEquals(
                1,
                decisionsOf(platform).stream()
                        .filter(d -> d.kind() == DecisionKind.INVOKE_DR)
                        .map(Decision::id)
                        .distinct()
                        .count(),
                name + ": one invoke-dr for the outage, never raised twice");
        assertTrue(
                system.inbox().messages().stream().anyMatch(m -> m.path().equals("/inbox/" + drLead)),
                name + ": the DR lead " + drLead + " was paged");
        System.out.println("RealOutageReplayIT " + name + ": invoke-dr raised " + invokeDrLatency.toMillis()
                + " ms after the first Warning alert; services " + named + "\n  " + String.join("\n  ", narrative));
    }

    // ---------------------------------------------------------------------------------------------- the alerts

    /** What one step's alert says: its service, stage and the impact start it gives (scenario time). */
    private record Alert(String service, String region, String stage, String impactStart) {}

    private static Alert alert(Scenario.Step step) {
        try {
            String body = Files.readString(scenarios.resolve(step.payload()), StandardCharsets.UTF_8);
            Matcher m = TIME.matcher(body);
            JsonNode json = JsonCodec.mapper().readTree(m.replaceAll("1970-01-01T00:00:00Z"));
            JsonNode props = json.path("data").path("alertContext").path("properties");
            JsonNode impacted = JsonCodec.mapper()
                    .readTree(props.path("impactedServices").asText())
                    .get(0);
            Matcher start = TIME.matcher(body.substring(body.indexOf("\"impactStartTime\"")));
            assertTrue(start.find(), step.payload());
            return new Alert(
                    impacted.path("ServiceName").asText(),
                    Regions.canonical(impacted.path("ImpactedRegions")
                            .get(0)
                            .path("RegionName")
                            .asText()),
                    props.path("stage").asText(),
                    start.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scenario time of the step that resolves the last impacted service of the primary region. */
    private static String lastResolution(Scenario scenario) {
        Map<String, Boolean> active = new LinkedHashMap<>();
        String last = null;
        for (Scenario.Step step : scenario.steps()) {
            if (step.post() == null) {
                continue;
            }
            Alert a = alert(step);
            boolean wasActive = active.values().stream().anyMatch(Boolean::booleanValue);
            active.put(a.service(), a.stage().equals("Active"));
            if (wasActive && active.values().stream().noneMatch(Boolean::booleanValue)) {
                last = step.at();
            }
        }
        return last;
    }

    /** RTO − critical path, read off the first expected deadline and the impact start its alert gives. */
    private static Duration between(Map<String, String> deadlines, Scenario scenario) {
        Scenario.Step first = scenario.steps().stream()
                .filter(s -> deadlines.containsKey(s.at()))
                .findFirst()
                .orElseThrow();
        Duration start =
                dev.stormwatch.contracts.catalog.DurationText.parse(alert(first).impactStart());
        return dev.stormwatch.contracts.catalog.DurationText.parse(deadlines.get(first.at()))
                .minus(start);
    }

    private static List<Component> componentsOf(Catalog catalog, String service) {
        String wanted = ServiceNames.normalize(service);
        return catalog.components().stream()
                .filter(c -> wanted.equals(ServiceNames.normalize(c.service()))
                        || c.aliases().stream().anyMatch(a -> wanted.equals(ServiceNames.normalize(a))))
                .toList();
    }

    private static boolean hitsPriorityComponent(Catalog catalog, Alert alert) {
        return alert.stage().equals("Active")
                && alert.region().equals(Regions.canonical(catalog.platform().primaryRegion()))
                && componentsOf(catalog, alert.service()).stream().anyMatch(c -> c.priorityOrDefault() <= 1);
    }

    private static String stillActive(Map<String, Boolean> active) {
        return String.join(
                ", ",
                active.entrySet().stream()
                        .filter(Map.Entry::getValue)
                        .map(Map.Entry::getKey)
                        .toList());
    }

    // ---------------------------------------------------------------------------------------------- what the system
    // says

    private Map<String, ComponentStatus> awaitComponents(
            String name,
            Scenario.Step step,
            String platform,
            String primary,
            Catalog catalog,
            Map<String, Boolean> active) {
        return Eventually.await(
                name + " +" + step.at() + ": components of " + active + " in/out of outage in " + primary,
                SETTLE,
                () -> {
                    Map<String, ComponentStatus> latest = latestStatuses(platform);
                    Map<String, ComponentStatus> named = new LinkedHashMap<>();
                    for (Map.Entry<String, Boolean> e : active.entrySet()) {
                        for (Component c : componentsOf(catalog, e.getKey())) {
                            ComponentStatus s = latest.get(c.id());
                            ComponentState there = s == null
                                    ? ComponentState.OPERATIONAL
                                    : s.regions().get(primary);
                            if (e.getValue() != (there == ComponentState.OUTAGE)) {
                                return Optional.empty();
                            }
                            named.put(c.id(), s);
                        }
                    }
                    return Optional.of(named);
                },
                () -> "\nlatest statuses: " + latestStatuses(platform).values() + system.logs());
    }

    private static Map<String, ComponentStatus> latestStatuses(String platform) {
        Map<String, ComponentStatus> latest = new LinkedHashMap<>();
        for (ComponentStatus s : statusHistory(platform)) {
            latest.put(s.componentId(), s);
        }
        return latest;
    }

    private static List<ComponentStatus> statusHistory(String platform) {
        return recorder.read(Topics.COMPONENT_STATUS.name()).stream()
                .filter(e -> e.type().equals(EventTypes.COMPONENT_STATUS))
                .map(e -> JsonCodec.data(e, ComponentStatus.class))
                .filter(s -> platform.equals(s.platformId()))
                .toList();
    }

    private static List<Decision> decisionsOf(String platform) {
        return recorder.read(Topics.DR_DECISIONS.name()).stream()
                .filter(e -> e.type().equals(EventTypes.DECISION))
                .map(e -> JsonCodec.data(e, Decision.class))
                .filter(d -> platform.equals(d.platformId()))
                .toList();
    }

    private static List<Incident> incidentsOf(String platform) {
        return recorder.read(Topics.INCIDENTS.name()).stream()
                .filter(e -> e.type().equals(EventTypes.INCIDENT))
                .map(e -> JsonCodec.data(e, Incident.class))
                .filter(i -> platform.equals(i.platformId()))
                .toList();
    }

    /** The newest version of a decision of {@code kind} that satisfies {@code test}, within {@code within}. */
    private Decision awaitDecision(
            String what,
            String platform,
            DecisionKind kind,
            java.util.function.Predicate<Decision> test,
            Duration within) {
        return Eventually.await(
                what,
                within,
                () -> {
                    Map<String, Decision> newest = new LinkedHashMap<>();
                    decisionsOf(platform).stream().filter(d -> d.kind() == kind).forEach(d -> newest.put(d.id(), d));
                    return newest.values().stream().filter(test).findFirst();
                },
                () -> "\ndecisions: "
                        + decisionsOf(platform).stream()
                                .map(d -> d.kind().wire() + " " + d.state().wire() + " deadline " + d.deadline())
                                .toList()
                        + system.logs());
    }

    private static void assertNotRaised(String when, String platform, DecisionKind kind) {
        List<Decision> raised =
                decisionsOf(platform).stream().filter(d -> d.kind() == kind).toList();
        if (!raised.isEmpty()) {
            fail(when + ": " + kind.wire()
                    + " must wait for every impacted service of the primary region to be resolved,"
                    + " but was raised: " + raised.get(0).title() + " at "
                    + raised.get(0).raisedAt());
        }
    }

    private static void assertInvokeDrNotCancelled(String when, String platform) {
        decisionsOf(platform).stream()
                .filter(d -> d.kind() == DecisionKind.INVOKE_DR && d.state() == DecisionState.CANCELLED)
                .findFirst()
                .ifPresent(d -> fail(when + ": invoke-dr was cancelled while the primary region is still impacted"));
    }

    private static void assertIncidentOpen(String when, String platform) {
        Map<String, Incident> newest = new LinkedHashMap<>();
        incidentsOf(platform).forEach(i -> newest.put(i.id(), i));
        assertTrue(
                newest.values().stream()
                        .anyMatch(i -> i.state() == dev.stormwatch.contracts.incident.IncidentState.OPEN),
                when + ": an incident is open while services of the primary region are impacted: "
                        + newest.values().stream()
                                .map(i -> i.id() + " " + i.state().wire())
                                .toList());
    }

    /** Every incident's snapshots, in the order written: versions rise, states never go back. */
    private static void assertIncidentsNeverWentBack(String name, String platform) {
        Map<String, Incident> previous = new LinkedHashMap<>();
        for (Incident i : incidentsOf(platform)) {
            Incident before = previous.put(i.id(), i);
            if (before != null) {
                assertTrue(i.version() >= before.version(), name + ": incident " + i.id() + " version went back");
                assertTrue(
                        i.state().ordinal() >= before.state().ordinal(),
                        name + ": incident " + i.id() + " went back from "
                                + before.state().wire() + " to " + i.state().wire() + " (version " + i.version() + ")");
            }
        }
    }

    /** A named component's primary-region state: once out of outage after one, never in outage again. */
    private static void assertComponentsNeverWentBack(
            String name, String platform, String primary, Catalog catalog, Set<String> components) {
        Map<String, List<ComponentState>> history = new LinkedHashMap<>();
        for (ComponentStatus s : statusHistory(platform)) {
            if (components.contains(s.componentId())) {
                List<ComponentState> states = history.computeIfAbsent(s.componentId(), k -> new ArrayList<>());
                ComponentState there = s.regions().get(primary);
                if (states.isEmpty() || states.get(states.size() - 1) != there) {
                    states.add(there);
                }
            }
        }
        history.forEach((component, states) -> {
            int first = states.indexOf(ComponentState.OUTAGE);
            int last = states.lastIndexOf(ComponentState.OUTAGE);
            assertTrue(
                    first < 0 || states.subList(first, last + 1).stream().allMatch(ComponentState.OUTAGE::equals),
                    name + ": " + component + " left its outage in " + primary + " and went back: " + states);
        });
    }

    // ---------------------------------------------------------------------------------------------- set-up and report

    /** Publishes the scenario's catalog with its pages sent to this system's inbox. */
    private static Catalog publish(String file) {
        try {
            String yaml = Files.readString(RunningSystem.repo().resolve(file), StandardCharsets.UTF_8)
                    .replace("http://127.0.0.1:8090", system.inbox().url());
            Catalog catalog = CatalogLoader.parse(file + " (e2e)", yaml);
            system.publish(catalog);
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the DR lead sees after a step: open decisions with their deadlines, and the pages that arrived. */
    private static int narrate(List<String> narrative, Instant origin, Catalog catalog, int pagesSeen) {
        String platform = catalog.platformId();
        String drLead = catalog.platform().drLead();
        Set<String> contacts = new LinkedHashSet<>(
                catalog.contacts().stream().map(c -> "/inbox/" + c.id()).toList());
        Map<String, Decision> newest = new LinkedHashMap<>();
        decisionsOf(platform).forEach(d -> newest.put(d.id(), d));
        narrative.add("    decisions: "
                + newest.values().stream()
                        .filter(d -> d.kind() != DecisionKind.RECOVERY_STEP)
                        .map(d -> d.kind().wire() + " " + d.state().wire()
                                + (d.deadline() == null
                                        ? ""
                                        : " deadline t+"
                                                + dev.stormwatch.contracts.catalog.DurationText.format(
                                                        Duration.between(origin, d.deadline()))
                                                + (d.rtoAtRisk() ? " RTO at risk" : "")))
                        .toList()
                + ", recovery steps open "
                + newest.values().stream()
                        .filter(d -> d.kind() == DecisionKind.RECOVERY_STEP && d.isOpen())
                        .count());
        List<LocalInbox.Message> pages = system.inbox().messages().stream()
                .filter(m -> contacts.contains(m.path()))
                .toList();
        for (LocalInbox.Message m : pages.subList(Math.min(pagesSeen, pages.size()), pages.size())) {
            narrative.add("    page to " + m.path().substring("/inbox/".length())
                    + (m.path().endsWith("/" + drLead) ? " (DR lead)" : "") + ": " + oneLine(m.body()));
        }
        return pages.size();
    }

    private static String oneLine(String s) {
        String one = Objects.toString(s, "").replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 197) + "…" : one;
    }
}
