package dev.stormwatch.correlator;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.correlator.config.CorrelatorConfig;
import dev.stormwatch.correlator.decision.DecisionFactory;
import dev.stormwatch.correlator.decision.DecisionIntake;
import dev.stormwatch.correlator.decision.DecisionTimers;
import dev.stormwatch.correlator.decision.DrFlow;
import dev.stormwatch.correlator.drill.DrillFlow;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.incident.EventCorrelation;
import dev.stormwatch.correlator.incident.IncidentGrouping;
import dev.stormwatch.correlator.incident.IncidentLifecycle;
import dev.stormwatch.correlator.metrics.OpenWork;
import dev.stormwatch.correlator.platform.Outbound;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformStores;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import dev.stormwatch.correlator.platform.StoreNames;
import dev.stormwatch.correlator.status.StatusDerivation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A platform's correlation, on the task that owns the platform's partition: every input for the platform (its catalog,
 * the provider events that hit it, the decisions people took) and every timer tick goes through the stages in this
 * order —
 *
 * <ol>
 *   <li>drop a CloudEvent id already applied;
 *   <li>catalog → {@link CatalogIntake}; health event → {@link EventCorrelation} then {@link DrFlow#afterEvent};
 *       decision taken → {@link DecisionIntake} (which moves the {@link DrFlow} on); tick → {@link DecisionTimers},
 *       {@link Housekeeping};
 *   <li>{@link IncidentLifecycle} brings every touched incident up to date, {@link StatusDerivation} works out the
 *       changed component statuses;
 *   <li>the records are sent: incidents, statuses, decisions, handovers, feasibility, audit.
 * </ol>
 *
 * Time is the injected clock's (tests control it); the tick is a wall-clock punctuation, so that deadlines pass even
 * when no event arrives.
 */
public final class PlatformCorrelator implements Processor<String, Envelope<?>, String, Outbound> {

    private static final Logger LOG = Logger.getLogger(PlatformCorrelator.class);

    private final CorrelatorConfig config;
    private final Clock clock;
    private final CatalogIntake catalogIntake = new CatalogIntake();
    private final EventCorrelation correlation;
    private final DecisionFactory decisions = new DecisionFactory();
    private final DrillFlow drills = new DrillFlow(decisions);
    private final DrFlow flow = new DrFlow(decisions, drills);
    private final DecisionIntake decisionIntake = new DecisionIntake(flow);
    private final DecisionTimers timers;
    private final Housekeeping housekeeping = new Housekeeping();
    private final TickSchedule schedule;
    private final IncidentLifecycle lifecycle = new IncidentLifecycle();
    private final StatusDerivation statuses = new StatusDerivation();
    /**
     * The views of the platforms seen most recently, least recent first, at most {@code platform-views} of them: a
     * dropped one is read again from the stores, which every input's and tick's changes reach before the next input, so
     * dropping loses nothing. Its gauges keep their last counts (nothing changes while no input comes), and a reload
     * counts again.
     */
    private final Map<String, PlatformView> views;

    private final OpenWork openWork;
    private final Consumer<List<Outbound>> beforeCommit;
    private ProcessorContext<String, Outbound> context;
    private PlatformStores stores;
    private CatalogPositions catalogPositions;

    public PlatformCorrelator(CorrelatorConfig config, Clock clock, OpenWork openWork) {
        this(config, clock, openWork, out -> {});
    }

    /**
     * @param beforeCommit sees the records of each input or tick after the stages made them and before anything is
     *     stored or sent; a failure thrown from it is handled like a failure of the stages (tests use it to fail a
     *     record after its store writes were made)
     */
    public PlatformCorrelator(
            CorrelatorConfig config, Clock clock, OpenWork openWork, Consumer<List<Outbound>> beforeCommit) {
        this.beforeCommit = beforeCommit;
        this.config = config;
        int kept = config.platformViews();
        this.views = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PlatformView> eldest) {
                return size() > kept;
            }
        };
        this.clock = clock;
        this.openWork = openWork;
        this.correlation =
                new EventCorrelation(new IncidentGrouping(config.incidents().groupingWindow()));
        this.timers = new DecisionTimers(flow, config.decisions().reminders());
        this.schedule = new TickSchedule(timers, config);
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.stores = new PlatformStores(context);
        this.catalogPositions = new CatalogPositions(context);
        // The stores are the truth; a (re)initialised task starts from them.
        views.keySet().forEach(openWork::release);
        this.views.clear();
        schedule.clear();
        try (KeyValueIterator<String, PlatformRun> all = stores.runs.all()) {
            all.forEachRemaining(kv -> schedule.dueAtOnce(kv.key));
        }
        context.schedule(config.timers().tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, Envelope<?>> record) {
        String platformId = record.key();
        if (platformId == null) {
            return;
        }
        Instant now = clock.instant();
        PlatformView view = view(platformId);
        PlatformWork work = new PlatformWork(view, now, config);
        Envelope<?> event = record.value();
        if (event != null) {
            MDC.put("eventId", event.id());
        }
        boolean catalog = event == null || event.is(Events.CATALOG);
        Optional<Long> position = catalog ? catalogPositions.fresh(platformId, record.headers()) : Optional.empty();
        if (catalog && position.isEmpty()) {
            return;
        }
        try {
            if (event == null) {
                catalogIntake.remove(work);
            } else if (event.is(Events.CATALOG)) {
                catalogIntake.apply(work, event.data(Events.CATALOG));
            } else if (!view.firstSight(event.id(), now)) {
                return;
            } else if (event.is(Events.HEALTH_EVENT)) {
                correlation.apply(work, event).ifPresent(a -> {
                    MDC.put("incidentId", a.incident().id());
                    flow.afterEvent(work, a.incident(), a.event());
                });
            } else if (event.is(Events.DECISION_TAKEN)) {
                decisionIntake.apply(work, event);
            } else if (event.is(Events.STEP_STARTED)) {
                decisionIntake.started(work, event);
            } else if (event.is(Events.DRILL_REQUESTED)) {
                drills.request(work, event);
            } else {
                throw new IllegalStateException("no stage for CloudEvent type " + event.type());
            }
            List<Outbound> out = work.finish(lifecycle, statuses);
            commit(view, out, record.timestamp());
            openWork.publish(platformId);
            schedule.visited(view, now, false);
        } catch (RuntimeException e) {
            failed(
                    platformId,
                    event == null ? "catalog tombstone" : event.id(),
                    (event == null ? "catalog tombstone" : event.type()) + coordinates(),
                    e,
                    now,
                    record.timestamp());
        } finally {
            // Applied or failed, the other copies of this catalog would do the same.
            position.ifPresent(p -> catalogPositions.applied(platformId, p));
            MDC.remove("eventId");
            MDC.remove("incidentId");
            MDC.remove("decisionId");
        }
    }

    /**
     * Record timestamps follow Kafka Streams' rules (the input's, or the wall clock's on a tick), not the service
     * clock.
     */
    private void tick(long wallClock) {
        Instant now = clock.instant();
        for (String platformId : schedule.dueBy(now)) {
            try {
                PlatformView view = view(platformId);
                PlatformWork work = new PlatformWork(view, now, config);
                timers.tick(work);
                PlatformFeasibility.onTick(work);
                housekeeping.prune(work);
                commit(view, work.finish(lifecycle, statuses), wallClock);
                openWork.publish(platformId);
            } catch (RuntimeException e) {
                failed(platformId, "timer tick", "timer tick", e, now, wallClock);
            }
            schedule.visited(view(platformId), now, true);
        }
    }

    private PlatformView view(String platformId) {
        PlatformView view = views.get(platformId);
        if (view == null) {
            view = PlatformView.load(platformId, stores);
            views.put(platformId, view);
            view.listen(openWork.track(platformId, view.liveIncidentRecords(), view.decisions()));
        }
        return view;
    }

    @Override
    public void close() {
        views.keySet().forEach(openWork::release);
        views.clear();
    }

    /**
     * A record's store changes and its outputs, all or nothing: the stages only buffered their writes in the view; they
     * reach the stores here, once every output was built, and the outputs are forwarded after them. A failure before
     * this point leaves the stores untouched and sends nothing (with exactly-once, the stores' changelog records and
     * the outputs then go into one transaction with the input's offset).
     */
    private void commit(PlatformView view, List<Outbound> out, long timestamp) {
        beforeCommit.accept(out);
        view.commit();
        send(out, timestamp);
    }

    /** Where the record being processed was read: topic-partition@offset. */
    private String coordinates() {
        return context.recordMetadata()
                .map(m -> " at " + m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("");
    }

    private void send(List<Outbound> records, long timestamp) {
        for (Outbound o : records) {
            context.forward(new Record<>(o.key(), o, timestamp));
        }
    }

    /**
     * One input the stages could not handle must not stop every platform's correlation: it is reported in the audit
     * trail with the reason, and the platform's view is read again from the stores.
     */
    private void failed(String platformId, String what, String where, RuntimeException e, Instant now, long timestamp) {
        LOG.errorf(e, "correlation of %s for platform %s failed", what, platformId);
        views.remove(platformId);
        PlatformWork work = new PlatformWork(view(platformId), now, config);
        work.audit(
                "correlation-failed",
                what,
                where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "; nothing of it was stored or sent",
                false);
        List<Outbound> out = work.finish((w, d) -> {}, w -> List.of());
        work.view().commit();
        send(out, timestamp);
    }

    /** Store names this processor needs, for the topology. */
    public static String[] stores() {
        return new String[] {
            StoreNames.PLATFORM_CATALOGS,
            StoreNames.PLATFORM_CATALOG_POSITIONS,
            StoreNames.PLATFORM_RUNS,
            StoreNames.EVENTS,
            StoreNames.INCIDENTS,
            StoreNames.DECISIONS,
            StoreNames.STATUSES,
            StoreNames.SEEN,
            StoreNames.DRILLS,
            StoreNames.FEASIBILITY
        };
    }
}
