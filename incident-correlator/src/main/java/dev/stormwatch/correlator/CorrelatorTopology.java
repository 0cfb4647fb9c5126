package dev.stormwatch.correlator;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.config.CorrelatorConfig;
import dev.stormwatch.correlator.intake.InputDecoder;
import dev.stormwatch.correlator.intake.Intake;
import dev.stormwatch.correlator.intake.ReadinessInputIntake;
import dev.stormwatch.correlator.metrics.OpenWork;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.Envelopes;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.Outbound;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.StoreNames;
import dev.stormwatch.correlator.routing.CatalogCopies;
import dev.stormwatch.correlator.routing.PendingEvent;
import dev.stormwatch.correlator.routing.PlatformRouter;
import dev.stormwatch.correlator.routing.TrackedPlatforms;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The correlator's topology, the one place that knows the order of the stages:
 *
 * <pre>
 * catalog.v1 ─decode─▶ a copy to every routing partition ─────────────────────────────────────────┐
 * health-events.v1 (N partitions) ─decode─────────────────────────────────────────────────────────┴─platform-router─┐
 * dr-decisions.v1 (decision-taken, step-started) ─decode─▶ keyed by the decision's platform ─────────────────────────┤
 * drills.v1 (drill-requested) ─decode─▶ keyed by the drill's platform ──────────────────────────────────────────────┤
 *                                        platform (N partitions) ─platform-correlator─▶ component-status.v1,
 *                                        incidents.v1, dr-decisions.v1, handovers.v1, drills.v1,
 *                                        feasibility.v1, audit.v1
 * anything unreadable, and events no catalog matched within the grace period ─▶ health-events.dlq.v1, with the reason
 * </pre>
 *
 * A health event crosses one internal topic on its way to its incident: the router runs on the task that read it from
 * health-events.v1 (keyed by tracking id, so every update of one tracking id meets the same router), over its own copy
 * of every catalog; each platform's correlation then runs on the one task that owns its partition, over
 * changelog-backed stores keyed by platform. Every routing task forwards its catalog copies to the platform before the
 * events it routed with them, so a platform never sees an event before the catalog it was matched against; the platform
 * applies each catalog once (by its position in catalog.v1) and ignores the other copies.
 */
public final class CorrelatorTopology {

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<CloudEvent> EVENTS = JsonCodec.serde(CloudEvent.class);

    private final CorrelatorConfig config;
    private final Clock clock;
    private final OpenWork openWork;
    private final Consumer<List<Outbound>> beforeCommit;

    public CorrelatorTopology(CorrelatorConfig config, Clock clock) {
        this(config, clock, new OpenWork());
    }

    public CorrelatorTopology(CorrelatorConfig config, Clock clock, OpenWork openWork) {
        this(config, clock, openWork, out -> {});
    }

    /** {@code beforeCommit}: see {@link PlatformCorrelator}; tests fail a record there. */
    public CorrelatorTopology(
            CorrelatorConfig config, Clock clock, OpenWork openWork, Consumer<List<Outbound>> beforeCommit) {
        this.config = config;
        this.clock = clock;
        this.openWork = openWork;
        this.beforeCommit = beforeCommit;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        store(builder, StoreNames.ROUTING_CATALOGS, JsonCodec.serde(Catalog.class));
        store(builder, StoreNames.ROUTING_PENDING, JsonCodec.serde(PendingEvent.class));
        store(builder, StoreNames.ROUTING_TRACKED, JsonCodec.serde(TrackedPlatforms.class));
        store(builder, StoreNames.PLATFORM_CATALOGS, JsonCodec.serde(Catalog.class));
        store(builder, StoreNames.PLATFORM_CATALOG_POSITIONS, Serdes.Long());
        store(builder, StoreNames.PLATFORM_RUNS, JsonCodec.serde(PlatformRun.class));
        store(builder, StoreNames.EVENTS, JsonCodec.serde(EventRecord.class));
        store(builder, StoreNames.INCIDENTS, JsonCodec.serde(IncidentRecord.class));
        store(builder, StoreNames.DECISIONS, JsonCodec.serde(DecisionRecord.class));
        store(builder, StoreNames.STATUSES, JsonCodec.serde(ComponentStatus.class));
        store(builder, StoreNames.SEEN, Serdes.Long());
        store(builder, StoreNames.DRILLS, JsonCodec.serde(DrillReport.class));
        store(builder, StoreNames.FEASIBILITY, JsonCodec.serde(FeasibilityReport.class));
        // What other services tell the readiness check, on every instance: any platform task reads them.
        globalStore(
                builder,
                Topics.PROVIDER_LOCATIONS,
                StoreNames.PROVIDER_LOCATIONS,
                EventTypes.PROVIDER_LOCATIONS,
                ProviderLocations.class);
        globalStore(
                builder,
                Topics.AUTOMATION_READINESS,
                StoreNames.AUTOMATION_READINESS,
                EventTypes.AUTOMATION_READINESS,
                AutomationReadiness.class);

        // Decode every input; what cannot be read goes to the dead-letter topic with the reason.
        KStream<String, CloudEvent> catalogs =
                decoded(builder, Topics.CATALOG, Map.of(EventTypes.CATALOG, Catalog.class), Set.of(), true);
        KStream<String, CloudEvent> health = decoded(
                builder, Topics.HEALTH_EVENTS, Map.of(EventTypes.HEALTH_EVENT, HealthEvent.class), Set.of(), false);
        // Our own decision snapshots share the topic with the decisions people take: only the latter are input.
        KStream<String, CloudEvent> taken = decoded(
                builder,
                Topics.DR_DECISIONS,
                Map.of(EventTypes.DECISION_TAKEN, Decision.class, EventTypes.STEP_STARTED, StepStarted.class),
                Set.of(EventTypes.DECISION),
                false);
        // Drill requests share drills.v1 with our own drill and DR run reports: only the former are input.
        KStream<String, CloudEvent> drillRequests = decoded(
                builder,
                Topics.DRILLS,
                Map.of(EventTypes.DRILL_REQUESTED, DrillRequest.class),
                Set.of(EventTypes.DRILL, EventTypes.DR_RUN),
                false);

        // Route where the events were written: every routing task gets a copy of every catalog (one hop, off the page
        // path), so a health event is keyed by the platforms it hits on its own partition of health-events.v1, in
        // order with the catalogs before it. All updates of a tracking id share its partition, hence one task.
        KStream<String, CloudEvent> catalogCopies = catalogs.processValues(
                        CatalogCopies::stamp, Named.as("catalog-position"))
                .repartition(Repartitioned.<String, CloudEvent>as(StoreNames.ROUTING_CATALOGS_TOPIC)
                        .withNumberOfPartitions(Topics.HEALTH_EVENTS.partitions())
                        .withStreamPartitioner(CatalogCopies.everyPartition())
                        .withKeySerde(KEYS)
                        .withValueSerde(EVENTS));
        KStream<String, CloudEvent> routed = health.merge(catalogCopies, Named.as("routing-input"))
                .process(
                        () -> new PlatformRouter(
                                clock,
                                config.routing().unmatchedGrace(),
                                config.timers().tick(),
                                config.timers().historyRetention()),
                        Named.as("platform-router"),
                        StoreNames.ROUTING_CATALOGS,
                        StoreNames.ROUTING_PENDING,
                        StoreNames.ROUTING_TRACKED);
        // Events no catalog matched within the grace period leave the router as dead-letter records.
        Map<String, KStream<String, CloudEvent>> routes = routed.split(Named.as("routed-"))
                .branch(
                        (key, e) -> PlatformRouter.UNMATCHED_KEY.equals(key)
                                && EventTypes.HEALTH_EVENT_REJECTED.equals(e.type()),
                        Branched.as("unmatched"))
                .defaultBranch(Branched.as("platforms"));
        routes.get("routed-unmatched")
                .to(Topics.HEALTH_EVENTS_DLQ.name(), Produced.with(KEYS, EVENTS).withName("sink-dlq-unmatched"));

        // Decisions people took, keyed by their platform.
        KStream<String, CloudEvent> decisions = taken.selectKey(
                (key, event) -> EventTypes.STEP_STARTED.equals(event.type())
                        ? JsonCodec.data(event, StepStarted.class).platformId()
                        : JsonCodec.data(event, Decision.class).platformId(),
                Named.as("decision-platform"));
        KStream<String, CloudEvent> drills = drillRequests.selectKey(
                (key, event) -> JsonCodec.data(event, DrillRequest.class).platformId(), Named.as("drill-platform"));

        // Per platform: incidents, component status, DR decisions, handovers, feasibility.
        KStream<String, Outbound> out = routes.get("routed-platforms")
                .merge(decisions, Named.as("platform-input"))
                .merge(drills, Named.as("platform-drill-input"))
                .repartition(Repartitioned.<String, CloudEvent>as(StoreNames.PLATFORM_TOPIC)
                        .withNumberOfPartitions(config.platformPartitions())
                        .withKeySerde(KEYS)
                        .withValueSerde(EVENTS))
                .process(
                        () -> new PlatformCorrelator(config, clock, openWork, beforeCommit),
                        Named.as("platform-correlator"),
                        PlatformCorrelator.stores());

        // Each record to its topic.
        BranchedKStream<String, Outbound> byTopic = out.split(Named.as("out-"));
        for (Topic topic : new Topic[] {
            Topics.INCIDENTS,
            Topics.COMPONENT_STATUS,
            Topics.DR_DECISIONS,
            Topics.HANDOVERS,
            Topics.FEASIBILITY,
            Topics.AUDIT,
            Topics.DRILLS
        }) {
            byTopic = byTopic.branch(
                    (key, o) -> o.topic().equals(topic),
                    Branched.withConsumer(
                            s -> s.mapValues(Outbound::event, Named.as("event-" + topic.name()))
                                    .to(
                                            topic.name(),
                                            Produced.with(KEYS, EVENTS).withName("sink-" + topic.name())),
                            topic.name()));
        }
        byTopic.noDefaultBranch();
        return builder.build();
    }

    private KStream<String, CloudEvent> decoded(
            StreamsBuilder builder,
            Topic topic,
            Map<String, Class<?>> accepted,
            Set<String> skipped,
            boolean keepTombstones) {
        KStream<String, Intake> intake = builder.stream(
                        topic.name(), Consumed.with(KEYS, Serdes.ByteArray()).withName("source-" + topic.name()))
                .process(
                        () -> new InputDecoder(topic.name(), accepted, skipped, clock),
                        Named.as("decode-" + topic.name()));
        Map<String, KStream<String, Intake>> branches = intake.split(Named.as("intake-" + topic.name() + "-"))
                .branch((key, i) -> i.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get("intake-" + topic.name() + "-rejected")
                .mapValues(i -> dlq(i.rejected()), Named.as("dead-letter-" + topic.name()))
                .to(Topics.HEALTH_EVENTS_DLQ.name(), Produced.with(KEYS, EVENTS).withName("sink-dlq-" + topic.name()));
        KStream<String, Intake> passed = branches.get("intake-" + topic.name() + "-accepted");
        if (!keepTombstones) {
            passed = passed.filter((key, i) -> i.event() != null, Named.as("drop-empty-" + topic.name()));
        }
        return passed.mapValues(Intake::event, Named.as("accepted-" + topic.name()));
    }

    private static CloudEvent dlq(RejectedInput rejected) {
        return JsonCodec.envelope(
                "rejected-" + rejected.endpoint(),
                EventTypes.HEALTH_EVENT_REJECTED,
                Envelopes.SOURCE,
                rejected.endpoint(),
                rejected.receivedAt(),
                false,
                rejected);
    }

    private static <V> void globalStore(
            StreamsBuilder builder, Topic topic, String store, String type, Class<V> values) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), KEYS, JsonCodec.serde(values))
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(KEYS, Serdes.ByteArray()).withName("source-" + topic.name()),
                () -> new ReadinessInputIntake<>(topic.name(), store, type, values));
    }

    private <V> void store(StreamsBuilder builder, String name, Serde<V> values) {
        var supplier = config.stateStores() == CorrelatorConfig.StateStores.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        // Logging (a changelog topic per store) is on by default: the stores survive a restart or a move.
        builder.addStateStore(Stores.keyValueStoreBuilder(supplier, KEYS, values));
    }
}
