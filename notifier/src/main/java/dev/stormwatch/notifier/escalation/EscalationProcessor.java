package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.EventReader;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.event.InvalidEventException;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.page.AuditEntry;
import dev.stormwatch.notifier.page.PageLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Pages, escalation timers and deliveries of one stream task. Incidents, decisions, handovers and acknowledgements (the
 * latter repartitioned by subject) arrive keyed so that a subject's page always lives in the same task. This class
 * decodes each record and hands it to the stages, composed once per task: {@link Paging} (the page of each subject and
 * its timer), {@link Deliveries} (each contact's outbox and channels) and {@link EvidenceTrail} (what goes to
 * {@code notifications.v1} and {@code audit.v1}); a wall-clock punctuator fires what is due.
 *
 * <p>Why a restart does not page twice: the level a page has reached and every delivered message are committed in one
 * Kafka transaction (exactly-once v2) with the outputs; a restart resumes from the committed state, so a level already
 * committed is never paged again. The one window is a crash after a channel accepted a message and before the next
 * commit (at most {@code commit.interval.ms}, 10 ms, and the loop that is running then): the restarted task sends that
 * message again with the same {@code X-Stormwatch-Delivery-Id}, for the receiver to drop. We chose that over sending at
 * most once, which would silently lose the page in the same window. (Requesting a commit after every delivery would
 * narrow the window further but cost more than half the throughput, one transaction per delivery.)
 */
final class EscalationProcessor implements Processor<String, byte[], String, Output> {

    /** What is paged about, decoded straight to its record; other types on these topics are read without their data. */
    private static final EventReader INPUT = EventReader.of(
            Events.INCIDENT, Events.DECISION, Events.DECISION_TAKEN, Events.HANDOVER, Events.ACK, Events.FEASIBILITY);

    private static final Logger LOG = Logger.getLogger(EscalationProcessor.class);

    private final NotifierSettings settings;
    private final MessageRenderer renderer;
    private final PageLinks links;
    private final Map<String, Channel> channels;
    private final RandomGenerator random;
    private final DeliveryListener listener;
    private final CatalogRefusals refusals;
    private final RecordedAcks recordedAcks;

    private ProcessorContext<String, Output> context;
    private EvidenceTrail trail;
    private Deliveries deliveries;
    private Paging paging;
    /**
     * Only the task of partition 0 writes catalog refusals to the audit trail, so they are not written once per task.
     */
    private CatalogRefusals.Reader refusalReader;

    private boolean restored;

    /** The tick as scheduled now, and its pace (see {@link #pace}). */
    private Cancellable ticking;

    private Duration tickPace;

    EscalationProcessor(
            NotifierSettings settings,
            MessageRenderer renderer,
            PageLinks links,
            Map<String, Channel> channels,
            RandomGenerator random,
            DeliveryListener listener,
            CatalogRefusals refusals,
            RecordedAcks recordedAcks) {
        this.settings = settings;
        this.renderer = renderer;
        this.links = links;
        this.channels = channels;
        this.random = random;
        this.listener = listener;
        this.refusals = refusals;
        this.recordedAcks = recordedAcks;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.trail = new EvidenceTrail(context);
        CatalogBook catalogs = new CatalogBook(context.getStateStore(StoreNames.CATALOGS));
        this.deliveries = new Deliveries(
                settings,
                renderer,
                links,
                channels,
                random,
                listener,
                context.getStateStore(StoreNames.OUTBOXES),
                catalogs,
                trail);
        this.paging = new Paging(
                new PageLifecycle(settings.decisionPolicy(), settings.closedRetention()),
                context.getStateStore(StoreNames.PAGES),
                catalogs,
                deliveries,
                trail,
                recordedAcks);
        this.refusalReader = context.taskId().partition() == 0
                ? refusals.reader(context.getStateStore(StoreNames.CATALOGS), trail)
                : null;
        this.restored = false;
        this.ticking = null;
        this.tickPace = null;
        schedule(settings.tick()); // short until the first tick has restored the timers and can pace itself
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        restore(now);
        deliveries.applyAnswers(now);
        Envelope<?> event;
        try {
            event = record.value() == null ? null : INPUT.read(record.value());
        } catch (InvalidEventException e) {
            reject(record, e.getMessage(), now);
            return;
        }
        if (event == null) {
            return; // a tombstone of a compacted topic: nothing to page about
        }
        try (LogContext log = LogContext.of().with("eventId", event.id())) {
            route(event, log, record, now);
        } catch (RuntimeException e) {
            // Bad data must not stop paging for everyone else: the record is refused with its reason instead.
            reject(
                    record,
                    "event " + event.id() + " of type " + event.type() + " has invalid data: " + e.getMessage(),
                    now);
        }
        deliveries.dispatchDue(now);
        pace(now);
    }

    private void route(Envelope<?> event, LogContext log, Record<String, byte[]> record, Instant now) {
        if (event.is(Events.INCIDENT)) {
            log.with("incidentId", event.subject());
            paging.onIncident(event.data(Events.INCIDENT), event.isDrill(), now);
        } else if (event.is(Events.DECISION) || event.is(Events.DECISION_TAKEN)) {
            log.with("decisionId", event.subject());
            boolean taken = event.is(Events.DECISION_TAKEN);
            paging.onDecision(event.data(taken ? Events.DECISION_TAKEN : Events.DECISION), taken, event.isDrill(), now);
        } else if (event.is(Events.HANDOVER)) {
            log.with("incidentId", event.subject());
            paging.onHandover(event.data(Events.HANDOVER), event.isDrill(), now);
        } else if (event.is(Events.ACK)) {
            log.with("pageId", event.subject());
            paging.onAck(event.data(Events.ACK), now);
        } else if (event.is(Events.FEASIBILITY)) {
            paging.onReadiness(event.data(Events.FEASIBILITY), now);
        } else if (!event.is(Events.DR_RUN_COMPLETED) && !event.is(Events.STEP_STARTED)) {
            // A DR run's report for downstream subscribers shares handovers.v1, and a step's start dr-decisions.v1 (the
            // decision snapshot the correlator writes next carries it): nobody is paged for either.
            reject(record, "unexpected event type " + event.type(), now);
        }
    }

    private void tick(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        restore(now);
        deliveries.applyAnswers(now);
        if (refusalReader != null) {
            refusalReader.auditNew(now);
        }
        paging.fireDue(now);
        deliveries.dispatchDue(now);
        pace(now);
    }

    /**
     * Kafka Streams commits a task after every punctuation, whether or not it wrote anything: ticking every
     * {@code tick} with nothing to do cost an exactly-once transaction at every tick for every task, on an idle system.
     * So the tick keeps that pace only while a channel's answer is awaited (it is recorded at the next tick) or
     * something falls due before the next quiet tick, and otherwise slows to {@code quiet-tick}; a timer still fires
     * within {@code tick} of its instant.
     */
    private void pace(Instant now) {
        Instant next = earliest(paging.nextAttention(), deliveries.nextAttention());
        boolean busy = next != null && !next.isAfter(now.plus(settings.quietTick()));
        schedule(busy ? settings.tick() : settings.quietTick());
    }

    private void schedule(Duration pace) {
        if (pace.equals(tickPace)) {
            return;
        }
        if (ticking != null) {
            ticking.cancel();
        }
        ticking = context.schedule(pace, PunctuationType.WALL_CLOCK_TIME, this::tick);
        tickPace = pace;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Rebuilds the stages' timer indexes from the stores once the task has restored them. */
    private void restore(Instant now) {
        if (!restored) {
            restored = true;
            paging.restore();
            deliveries.restore(now);
        }
    }

    private void reject(Record<String, byte[]> record, String reason, Instant now) {
        String where = context.recordMetadata().map(EscalationProcessor::where).orElse("unknown position");
        String raw = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String detail = "input refused at " + where + " (key " + record.key() + "): " + reason + "; payload: "
                + (raw.length() > 500 ? raw.substring(0, 500) + "…" : raw);
        LOG.warn(detail);
        trail.audit("unknown", List.of(new AuditEntry("input-rejected", record.key(), detail)), false, now);
    }

    private static String where(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + "@" + m.offset();
    }
}
