package dev.stormwatch.correlator;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.metrics.OpenWork;
import dev.stormwatch.correlator.platform.Outbound;
import dev.stormwatch.testsupport.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The correlator's real topology in a {@link TopologyTestDriver}: input topics take CloudEvents as the other services
 * write them, output topics are read back as the records of the contracts. Time is one {@link MutableClock} that
 * {@link #advance} moves together with the driver's wall clock, so deadlines and punctuations line up.
 */
public final class CorrelatorDriver implements AutoCloseable {

    private final MutableClock clock;
    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, byte[]> catalogIn;
    private final TestInputTopic<String, byte[]> healthIn;
    private final TestInputTopic<String, byte[]> decisionsIn;
    private final TestInputTopic<String, byte[]> drillsIn;
    private final TestInputTopic<String, byte[]> providerLocationsIn;
    private final TestInputTopic<String, byte[]> automationReadinessIn;
    private final OpenWork openWork = new OpenWork();
    private final Map<String, TestOutputTopic<String, CloudEvent>> out;
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * The driver with in-memory state stores: it commits after every input, and RocksDB would flush to disk on each
     * commit, five times slower. The stages are the same; {@link #persistent} and the broker tests run RocksDB.
     */
    public CorrelatorDriver(Instant start) {
        this(start, Map.of("stormwatch.correlator.state-stores", "in-memory"));
    }

    /** The driver with RocksDB stores, as the service runs by default. */
    public static CorrelatorDriver persistent(Instant start) {
        return new CorrelatorDriver(start, Map.of());
    }

    public CorrelatorDriver(Instant start, Map<String, String> config) {
        this(start, config, out -> {});
    }

    /** {@code beforeCommit} sees each record's outputs before they are stored and sent, and may fail the record. */
    public CorrelatorDriver(Instant start, Map<String, String> config, Consumer<List<Outbound>> beforeCommit) {
        QuietKafkaLogs.apply();
        this.clock = new MutableClock(start);
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            this.stateDir = Files.createTempDirectory(target.toAbsolutePath(), "correlator-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(
                new CorrelatorTopology(TestConfigs.with(config), clock, openWork, beforeCommit).build(), props, start);
        var keys = Serdes.String();
        var bytes = Serdes.ByteArray();
        this.catalogIn = driver.createInputTopic(Topics.CATALOG.name(), keys.serializer(), bytes.serializer());
        this.healthIn = driver.createInputTopic(Topics.HEALTH_EVENTS.name(), keys.serializer(), bytes.serializer());
        this.decisionsIn = driver.createInputTopic(Topics.DR_DECISIONS.name(), keys.serializer(), bytes.serializer());
        this.drillsIn = driver.createInputTopic(Topics.DRILLS.name(), keys.serializer(), bytes.serializer());
        this.providerLocationsIn =
                driver.createInputTopic(Topics.PROVIDER_LOCATIONS.name(), keys.serializer(), bytes.serializer());
        this.automationReadinessIn =
                driver.createInputTopic(Topics.AUTOMATION_READINESS.name(), keys.serializer(), bytes.serializer());
        var events = JsonCodec.serde(CloudEvent.class).deserializer();
        this.out = Map.of(
                Topics.DRILLS.name(),
                driver.createOutputTopic(Topics.DRILLS.name(), keys.deserializer(), events),
                Topics.INCIDENTS.name(),
                driver.createOutputTopic(Topics.INCIDENTS.name(), keys.deserializer(), events),
                Topics.COMPONENT_STATUS.name(),
                driver.createOutputTopic(Topics.COMPONENT_STATUS.name(), keys.deserializer(), events),
                Topics.DR_DECISIONS.name(),
                driver.createOutputTopic(Topics.DR_DECISIONS.name(), keys.deserializer(), events),
                Topics.HANDOVERS.name(),
                driver.createOutputTopic(Topics.HANDOVERS.name(), keys.deserializer(), events),
                Topics.AUDIT.name(),
                driver.createOutputTopic(Topics.AUDIT.name(), keys.deserializer(), events),
                Topics.FEASIBILITY.name(),
                driver.createOutputTopic(Topics.FEASIBILITY.name(), keys.deserializer(), events),
                Topics.HEALTH_EVENTS_DLQ.name(),
                driver.createOutputTopic(Topics.HEALTH_EVENTS_DLQ.name(), keys.deserializer(), events));
    }

    public MutableClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Moves the service clock and the driver's wall clock together; punctuations due by then run. */
    public void advance(Duration by) {
        clock.advance(by);
        driver.advanceWallClockTime(by);
    }

    /** Moves time to {@code at} (not backwards). */
    public void advanceTo(Instant at) {
        Duration by = Duration.between(clock.instant(), at);
        if (!by.isNegative()) {
            advance(by);
        }
    }

    public void catalog(Catalog catalog) {
        CloudEvent e = JsonCodec.envelope(
                "catalog-" + catalog.platformId() + "-" + ids.incrementAndGet(),
                EventTypes.CATALOG,
                "/stormwatch/launcher",
                catalog.platformId(),
                now(),
                false,
                catalog);
        catalogIn.pipeInput(catalog.platformId(), JsonCodec.toBytes(e), now());
    }

    /**
     * A catalog.v1 record as anyone could write it, bypassing the loader (the correlator cannot assume it was used).
     */
    public void rawCatalog(String key, byte[] value) {
        catalogIn.pipeInput(key, value, now());
    }

    /** Publishes a health event as health-ingest does, with a new CloudEvent id; returns the id. */
    public String health(HealthEvent event) {
        String id = "he-" + ids.incrementAndGet();
        health(id, event);
        return id;
    }

    public void health(String cloudEventId, HealthEvent event) {
        health(cloudEventId, event, false);
    }

    public void health(String cloudEventId, HealthEvent event, boolean drill) {
        CloudEvent e = JsonCodec.envelope(
                cloudEventId, EventTypes.HEALTH_EVENT, "/stormwatch/health-ingest", event.key(), now(), drill, event);
        healthIn.pipeInput(event.key(), JsonCodec.toBytes(e), now());
    }

    /** Publishes a subscription's resource providers' locations as health-ingest does. */
    public void providerLocations(ProviderLocations locations) {
        CloudEvent e = JsonCodec.envelope(
                "provider-locations-" + locations.subscriptionId() + "-" + ids.incrementAndGet(),
                EventTypes.PROVIDER_LOCATIONS,
                "/stormwatch/health-ingest/provider-locations",
                locations.subscriptionId(),
                now(),
                false,
                locations);
        providerLocationsIn.pipeInput(locations.subscriptionId(), JsonCodec.toBytes(e), now());
    }

    /** Publishes a platform's automation readiness as the notifier does. */
    public void automationReadiness(AutomationReadiness readiness) {
        CloudEvent e = JsonCodec.envelope(
                "automation-readiness-" + readiness.platformId() + "-" + ids.incrementAndGet(),
                EventTypes.AUTOMATION_READINESS,
                "/stormwatch/notifier/automation-readiness",
                readiness.platformId(),
                now(),
                false,
                readiness);
        automationReadinessIn.pipeInput(readiness.platformId(), JsonCodec.toBytes(e), now());
    }

    public void rawHealth(String key, byte[] value) {
        healthIn.pipeInput(key, value, now());
    }

    /** A decision taken through status-api: the decision with its new state, who, why and the evidence. */
    public void decide(Decision decision, DecisionState state, String by, String reason, String evidence) {
        Decision taken = new Decision(
                decision.id(),
                decision.platformId(),
                decision.incidentId(),
                decision.kind(),
                state,
                decision.title(),
                decision.recommendation(),
                decision.options(),
                decision.raisedAt(),
                decision.deadline(),
                decision.rtoAtRisk(),
                decision.step(),
                decision.remindersSent(),
                by,
                now(),
                reason,
                evidence,
                decision.drill(),
                decision.version());
        CloudEvent e = JsonCodec.envelope(
                "taken-" + decision.id() + "-" + ids.incrementAndGet(),
                EventTypes.DECISION_TAKEN,
                "/stormwatch/status-api",
                decision.id(),
                now(),
                false,
                taken);
        decisionsIn.pipeInput(decision.id(), JsonCodec.toBytes(e), now());
    }

    public void approve(Decision decision, String by, String evidence) {
        decide(decision, DecisionState.APPROVED, by, null, evidence);
    }

    /** A drill start or abandon, as status-api writes it on drills.v1. */
    public void drill(String drillId, String platformId, DrillAction action, String by, String note) {
        DrillRequest request = new DrillRequest(drillId, platformId, action, by, now(), note);
        CloudEvent e = JsonCodec.envelope(
                "drill-request-" + drillId + "-" + ids.incrementAndGet(),
                EventTypes.DRILL_REQUESTED,
                "/stormwatch/status-api",
                drillId,
                now(),
                true,
                request);
        drillsIn.pipeInput(drillId, JsonCodec.toBytes(e), now());
    }

    /** A responder started a recovery step, as status-api writes it on dr-decisions.v1. */
    public void start(Decision decision, String by) {
        CloudEvent e = JsonCodec.envelope(
                "started-" + decision.id() + "-" + ids.incrementAndGet(),
                EventTypes.STEP_STARTED,
                "/stormwatch/status-api",
                decision.id(),
                now(),
                decision.drill(),
                new StepStarted(decision.id(), decision.platformId(), by, now(), "dashboard"));
        decisionsIn.pipeInput(decision.id(), JsonCodec.toBytes(e), now());
    }

    /** Drill reports written since the last read (real DR runs' reports on the same topic are left out). */
    public List<DrillReport> drills() {
        return read(Topics.DRILLS.name()).stream()
                .filter(kv -> EventTypes.DRILL.equals(kv.value.type()))
                .map(kv -> JsonCodec.data(kv.value, DrillReport.class))
                .toList();
    }

    /** One of the topology's state stores, as the service keeps it (to set up state an older version wrote). */
    public <V> org.apache.kafka.streams.state.KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The gauges' in-memory view of open work. */
    public OpenWork openWork() {
        return openWork;
    }

    public List<KeyValue<String, CloudEvent>> read(String topic) {
        return out.get(topic).readKeyValuesToList();
    }

    public <T> List<T> read(String topic, Class<T> type) {
        return read(topic).stream().map(kv -> JsonCodec.data(kv.value, type)).toList();
    }

    public List<Incident> incidents() {
        return read(Topics.INCIDENTS.name(), Incident.class);
    }

    public List<ComponentStatus> statuses() {
        return read(Topics.COMPONENT_STATUS.name(), ComponentStatus.class);
    }

    public List<Decision> decisions() {
        return read(Topics.DR_DECISIONS.name(), Decision.class);
    }

    /** The handovers written since the last read (a completed DR run's record on the same topic is left out). */
    public List<Handover> handovers() {
        return read(Topics.HANDOVERS.name()).stream()
                .filter(kv -> EventTypes.HANDOVER.equals(kv.value.type()))
                .map(kv -> JsonCodec.data(kv.value, Handover.class))
                .toList();
    }

    public List<AuditRecord> audit() {
        return read(Topics.AUDIT.name(), AuditRecord.class);
    }

    public List<FeasibilityReport> feasibility() {
        return read(Topics.FEASIBILITY.name(), FeasibilityReport.class);
    }

    public List<RejectedInput> deadLetters() {
        return read(Topics.HEALTH_EVENTS_DLQ.name(), RejectedInput.class);
    }

    /** Reads and forgets everything written so far: the next assertion sees only what follows. */
    public void drain() {
        out.values().forEach(TestOutputTopic::readKeyValuesToList);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not a test failure
        }
    }

    /**
     * Fails every input whose records include an approval while {@code failing} is set: the failure comes after the
     * stages made their store writes, as a record that cannot be built would.
     */
    public static Consumer<List<Outbound>> approvalsFailWhile(AtomicBoolean failing) {
        return out -> {
            if (failing.get()
                    && out.stream()
                            .anyMatch(o -> o.topic() == Topics.DR_DECISIONS
                                    && o.event().data(Events.DECISION).state() == DecisionState.APPROVED)) {
                throw new IllegalStateException("the approval's records could not be built");
            }
        };
    }
}
