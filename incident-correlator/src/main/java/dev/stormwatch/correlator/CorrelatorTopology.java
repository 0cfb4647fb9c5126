package dev.stormwatch.correlator;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.EventReader;
import dev.stormwatch.contracts.event.EventType;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
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
    private static final Serde<Envelope<?>> EVENTS = EventReader.ALL.serde();

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
        globalStore(builder, Topics.PROVIDER_LOCATIONS, StoreNames.PROVIDER_LOCATIONS, Events.PROVIDER_LOCATIONS);
        globalStore(builder, Topics.AUTOMATION_READINESS, StoreNames.AUTOMATION_READINESS, Events.AUTOMATION_READINESS);

        // Decode every input; what cannot be read goes to the dead-letter topic with the reason.
        KStream<String, Envelope<?>> catalogs =
                decoded(builder, Topics.CATALOG, EventReader.of(Events.CATALOG), Set.of(), true);
        KStream<String, Envelope<?>> health =
                decoded(builder, Topics.HEALTH_EVENTS, EventReader.of(Events.HEALTH_EVENT), Set.of(), false);
        // Our own decision snapshots share the topic with the decisions people take: only the latter are input.
        KStream<String, Envelope<?>> taken = decoded(
                builder,
                Topics.DR_DECISIONS,
                EventReader.of(Events.DECISION_TAKEN, Events.STEP_STARTED),
                Set.of(Events.DECISION),
                false);
        // Drill requests share drills.v1 with our own drill and DR run reports: only the former are input.
        KStream<String, Envelope<?>> drillRequests = decoded(
                builder,
                Topics.DRILLS,
                EventReader.of(Events.DRILL_REQUESTED),
                Set.of(Events.DRILL, Events.DR_RUN),
                false);

        // Route where the events were written: every routing task gets a copy of every catalog (one hop, off the page
        // path), so a health event is keyed by the platforms it hits on its own partition of health-events.v1, in
        // order with the catalogs before it. All updates of a tracking id share its partition, hence one task.
        KStream<String, Envelope<?>> catalogCopies = catalogs.processValues(
                        CatalogCopies::stamp, Named.as("catalog-position"))
                .repartition(Repartitioned.<String, Envelope<?>>as(StoreNames.ROUTING_CATALOGS_TOPIC)
                        .withNumberOfPartitions(Topics.HEALTH_EVENTS.partitions())
                        .withStreamPartitioner(CatalogCopies.everyPartition())
                        .withKeySerde(KEYS)
                        .withValueSerde(EVENTS));
        KStream<String, Envelope<?>> routed = health.merge(catalogCopies, Named.as("routing-input"))
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
        Map<String, KStream<String, Envelope<?>>> routes = routed.split(Named.as("routed-"))
                .branch(
                        (key, e) -> PlatformRouter.UNMATCHED_KEY.equals(key) && e.is(Events.HEALTH_EVENT_REJECTED),
                        Branched.as("unmatched"))
                .defaultBranch(Branched.as("platforms"));
        routes.get("routed-unmatched")
                .to(Topics.HEALTH_EVENTS_DLQ.name(), Produced.with(KEYS, EVENTS).withName("sink-dlq-unmatched"));

        // Decisions people took, keyed by their platform.
        KStream<String, Envelope<?>> decisions = taken.selectKey(
                (key, event) -> event.is(Events.STEP_STARTED)
                        ? event.data(Events.STEP_STARTED).platformId()
                        : event.data(Events.DECISION_TAKEN).platformId(),
                Named.as("decision-platform"));
        KStream<String, Envelope<?>> drills = drillRequests.selectKey(
                (key, event) -> event.data(Events.DRILL_REQUESTED).platformId(), Named.as("drill-platform"));

        // Per platform: incidents, component status, DR decisions, handovers, feasibility.
        KStream<String, Outbound> out = routes.get("routed-platforms")
                .merge(decisions, Named.as("platform-input"))
                .merge(drills, Named.as("platform-drill-input"))
                .repartition(Repartitioned.<String, Envelope<?>>as(StoreNames.PLATFORM_TOPIC)
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
                            s -> s.<Envelope<?>>mapValues(Outbound::event, Named.as("event-" + topic.name()))
                                    .to(
                                            topic.name(),
                                            Produced.with(KEYS, EVENTS).withName("sink-" + topic.name())),
                            topic.name()));
        }
        byTopic.noDefaultBranch();
        return builder.build();
    }

    private KStream<String, Envelope<?>> decoded(
            StreamsBuilder builder,
            Topic topic,
            EventReader reader,
            Set<EventType<?>> skipped,
            boolean keepTombstones) {
        KStream<String, Intake> intake = builder.stream(
                        topic.name(), Consumed.with(KEYS, Serdes.ByteArray()).withName("source-" + topic.name()))
                .process(
                        () -> new InputDecoder(topic.name(), reader, skipped, clock),
                        Named.as("decode-" + topic.name()));
        Map<String, KStream<String, Intake>> branches = intake.split(Named.as("intake-" + topic.name() + "-"))
                .branch((key, i) -> i.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get("intake-" + topic.name() + "-rejected")
                .<Envelope<?>>mapValues(i -> dlq(i.rejected()), Named.as("dead-letter-" + topic.name()))
                .to(Topics.HEALTH_EVENTS_DLQ.name(), Produced.with(KEYS, EVENTS).withName("sink-dlq-" + topic.name()));
        KStream<String, Intake> passed = branches.get("intake-" + topic.name() + "-accepted");
        if (!keepTombstones) {
            passed = passed.filter((key, i) -> i.event() != null, Named.as("drop-empty-" + topic.name()));
        }
        return passed.<Envelope<?>>mapValues(Intake::event, Named.as("accepted-" + topic.name()));
    }

    private static Envelope<?> dlq(RejectedInput rejected) {
        return Envelope.of(
                "rejected-" + rejected.endpoint(),
                Events.HEALTH_EVENT_REJECTED,
                Envelopes.SOURCE,
                rejected.endpoint(),
                rejected.receivedAt(),
                false,
                rejected);
    }

    private static <V> void globalStore(StreamsBuilder builder, Topic topic, String store, EventType<V> type) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(store), KEYS, JsonCodec.serde(type.dataClass()))
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(KEYS, Serdes.ByteArray()).withName("source-" + topic.name()),
                () -> new ReadinessInputIntake<>(topic.name(), store, type));
    }

    private <V> void store(StreamsBuilder builder, String name, Serde<V> values) {
        var supplier = config.stateStores() == CorrelatorConfig.StateStores.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        // Logging (a changelog topic per store) is on by default: the stores survive a restart or a move.
        builder.addStateStore(Stores.keyValueStoreBuilder(supplier, KEYS, values));
    }
}
