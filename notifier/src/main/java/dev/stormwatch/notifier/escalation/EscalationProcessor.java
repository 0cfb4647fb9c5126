package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.notifier.ack.AckLinks;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.channel.Redaction;
import dev.stormwatch.notifier.delivery.Outbox;
import dev.stormwatch.notifier.delivery.Sending;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import dev.stormwatch.notifier.page.AuditEntry;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.PageId;
import dev.stormwatch.notifier.page.PageLifecycle;
import dev.stormwatch.notifier.page.PageOutcome;
import dev.stormwatch.notifier.page.PageState;
import dev.stormwatch.notifier.page.PageStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Pages, escalation timers and deliveries of one stream task. Incidents, decisions, handovers and acknowledgements (the
 * latter repartitioned by subject) arrive keyed so that a subject's page always lives in the same task; the page's
 * state and every contact's outbox live in changelog-backed stores, and a wall-clock punctuator fires what is due.
 *
 * <p>Deliveries never block the stream thread: a message is handed to its channel, which completes asynchronously
 * within its timeout; the result is queued and applied on the stream thread at the next record or tick, where it is
 * written to {@code notifications.v1} and {@code audit.v1} in the same transaction (exactly-once v2) as the store
 * update that records it. Why a restart does not page twice: the level a page has reached and every delivered message
 * are committed together with the outputs; a restart resumes from the committed state, so a level already committed is
 * never paged again. The one window is a crash after a channel accepted a message and before the next commit (at most
 * {@code commit.interval.ms}, 100 ms): the restarted task sends that message again with the same
 * {@code X-Stormwatch-Delivery-Id}, for the receiver to drop. We chose that over sending at most once, which would
 * silently lose the page in the same window. (Requesting a commit after every delivery would narrow the window further
 * but cost more than half the throughput, one transaction per delivery.)
 */
final class EscalationProcessor implements Processor<String, byte[], String, Output> {

    private static final Logger LOG = Logger.getLogger(EscalationProcessor.class);
    private static final String SOURCE = "/stormwatch/notifier";
    private static final String ACTOR = "notifier";

    private final NotifierSettings settings;
    private final PageLifecycle lifecycle;
    private final MessageRenderer renderer;
    private final AckLinks ackLinks;
    private final Map<String, Channel> channels;
    private final RandomGenerator random;
    private final DeliveryListener listener;

    private final ConcurrentLinkedQueue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final Map<String, String> inFlight = new HashMap<>();
    private final DueIndex pageTimers = new DueIndex();
    private final DueIndex outboxTimers = new DueIndex();
    private final Set<String> waiting = new HashSet<>();
    private final Set<String> refusalsAudited = new HashSet<>();

    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, PageState> pages;
    private KeyValueStore<String, Outbox> outboxes;
    private KeyValueStore<String, CloudEvent> globalCatalogs;
    private CatalogBook catalogs;
    private boolean auditsRefusals;
    private boolean indexed;

    /** A channel's answer, carried from its thread back to the stream thread. */
    private record Completed(
            String outboxKey,
            String deliveryId,
            int channelIndex,
            int attempt,
            String channelType,
            String target,
            ChannelResult result) {}

    EscalationProcessor(
            NotifierSettings settings,
            MessageRenderer renderer,
            AckLinks ackLinks,
            Map<String, Channel> channels,
            RandomGenerator random,
            DeliveryListener listener) {
        this.settings = settings;
        this.lifecycle = new PageLifecycle(settings.decisionPolicy(), settings.closedRetention());
        this.renderer = renderer;
        this.ackLinks = ackLinks;
        this.channels = channels;
        this.random = random;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.pages = context.getStateStore(StoreNames.PAGES);
        this.outboxes = context.getStateStore(StoreNames.OUTBOXES);
        this.globalCatalogs = context.getStateStore(StoreNames.CATALOGS);
        this.catalogs = new CatalogBook(globalCatalogs);
        this.indexed = false;
        // One task writes catalog refusals to the audit trail, so that they are not written once per task.
        this.auditsRefusals = context.taskId().partition() == 0;
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        index(now);
        applyCompleted(now);
        CloudEvent event;
        try {
            event = record.value() == null ? null : JsonCodec.fromJson(record.value(), CloudEvent.class);
        } catch (RuntimeException e) {
            reject(record, "not a CloudEvent: " + e.getMessage(), now);
            return;
        }
        if (event == null) {
            return; // a tombstone of a compacted topic: nothing to page about
        }
        try (LogContext log = LogContext.of().with("eventId", event.id())) {
            switch (event.type()) {
                case EventTypes.INCIDENT, EventTypes.HANDOVER -> log.with("incidentId", event.subject());
                case EventTypes.DECISION, EventTypes.DECISION_TAKEN -> log.with("decisionId", event.subject());
                case EventTypes.ACK -> log.with("pageId", event.subject());
                default -> {}
            }
            switch (event.type()) {
                case EventTypes.INCIDENT -> onIncident(JsonCodec.data(event, Incident.class), event.isDrill(), now);
                case EventTypes.DECISION ->
                    onDecision(JsonCodec.data(event, Decision.class), false, event.isDrill(), now);
                case EventTypes.DECISION_TAKEN ->
                    onDecision(JsonCodec.data(event, Decision.class), true, event.isDrill(), now);
                case EventTypes.HANDOVER -> onHandover(JsonCodec.data(event, Handover.class), event.isDrill(), now);
                case EventTypes.ACK -> onAck(JsonCodec.data(event, Ack.class), now);
                case EventTypes.FEASIBILITY -> onReadiness(JsonCodec.data(event, FeasibilityReport.class), now);
                // A DR run's report for downstream subscribers shares handovers.v1; nobody is paged for it.
                case EventTypes.DR_RUN_COMPLETED -> {}
                default -> reject(record, "unexpected event type " + event.type(), now);
            }
        } catch (RuntimeException e) {
            // Bad data must not stop paging for everyone else: the record is refused with its reason instead.
            reject(
                    record,
                    "event " + event.id() + " of type " + event.type() + " has invalid data: " + e.getMessage(),
                    now);
        }
        dispatchDue(now);
    }

    private void onIncident(Incident incident, boolean drill, Instant now) {
        if (incident.id() == null || incident.state() == null) {
            throw new IllegalArgumentException("an incident needs an id and a state");
        }
        PageState page = pages.get(incident.id());
        Catalog catalog = catalogs.catalog(incident.platformId());
        apply(incident.id(), lifecycle.onIncident(page, incident, drill || incident.drill(), catalog, now), now);
    }

    private void onDecision(Decision decision, boolean taken, boolean drill, Instant now) {
        if (decision.id() == null || decision.state() == null) {
            throw new IllegalArgumentException("a decision needs an id and a state");
        }
        PageState page = pages.get(decision.id());
        Catalog catalog = catalogs.catalog(decision.platformId());
        apply(decision.id(), lifecycle.onDecision(page, decision, taken, drill || decision.drill(), catalog, now), now);
    }

    private void onHandover(Handover handover, boolean drill, Instant now) {
        if (handover.id() == null) {
            throw new IllegalArgumentException("a handover needs an id");
        }
        String key = "handover/" + handover.id();
        Catalog catalog = catalogs.catalog(handover.platformId());
        apply(key, lifecycle.onHandover(pages.get(key), handover, drill || handover.drill(), catalog, now), now);
    }

    private void onReadiness(FeasibilityReport report, Instant now) {
        if (report.platformId() == null) {
            throw new IllegalArgumentException("a feasibility report needs a platform id");
        }
        String key = PageLifecycle.readinessSubject(report.platformId());
        Catalog catalog = catalogs.catalog(report.platformId());
        apply(key, lifecycle.onReadiness(pages.get(key), report, catalog, now), now);
    }

    private void onAck(Ack ack, Instant now) {
        if (ack.pageId() == null) {
            throw new IllegalArgumentException("an acknowledgement needs a page id");
        }
        String subject = ack.subjectId() != null
                ? ack.subjectId()
                : PageId.parse(ack.pageId()).map(PageId::subjectId).orElse(ack.pageId());
        PageState page = pages.get(subject);
        PageOutcome outcome = lifecycle.onAck(page, ack, now);
        apply(subject, outcome, now);
    }

    /** Stores the page's next state, queues its messages in the outboxes and writes its audit records. */
    private void apply(String key, PageOutcome outcome, Instant now) {
        PageState state = outcome.state();
        if (outcome.changed()) {
            savePage(key, state);
        }
        String platform = state != null
                ? state.platformId()
                : outcome.messages().isEmpty()
                        ? "unknown"
                        : outcome.messages().get(0).platformId();
        audit(platform, outcome.audits(), state != null && state.drill(), now);
        for (MessageItem item : outcome.messages()) {
            String ok = Outbox.key(item.platformId(), item.contactId());
            Outbox box = outboxes.get(ok);
            Outbox before = box == null ? Outbox.empty(item.platformId(), item.contactId()) : box;
            Outbox after = before.enqueue(item, now);
            saveOutbox(ok, after);
            if (after != before && item.heldAt(now)) {
                recordHeld(item, now);
            }
        }
    }

    /**
     * A held item is visible at once: a SKIPPED notification and a page-held audit record saying until when and why.
     */
    private void recordHeld(MessageItem item, Instant now) {
        Notification n = new Notification(
                item.pageId(),
                item.platformId(),
                item.subjectId(),
                item.kind().wire(),
                item.level(),
                item.contactId(),
                "none",
                null,
                0,
                DeliveryResult.SKIPPED,
                item.held(),
                now,
                item.drill());
        String id = "notification/held/" + item.id();
        CloudEvent ce = JsonCodec.envelope(id, EventTypes.NOTIFICATION, SOURCE, item.pageId(), now, item.drill(), n);
        context.forward(new Record<>(item.pageId(), new Output(Topics.NOTIFICATIONS.name(), ce), now.toEpochMilli()));
        String detail = item.kind().wire() + (item.level() > 0 ? " level " + item.level() : "") + " page "
                + item.pageId() + " to " + item.contactId() + " " + item.held() + " (" + item.heldUntil() + ")";
        AuditRecord audit =
                new AuditRecord(item.platformId(), now, ACTOR, "page-held", item.subjectId(), detail, item.drill());
        CloudEvent ae =
                JsonCodec.envelope("audit/" + id, EventTypes.AUDIT, SOURCE, item.subjectId(), now, item.drill(), audit);
        context.forward(new Record<>(item.platformId(), new Output(Topics.AUDIT.name(), ae), now.toEpochMilli()));
        try (LogContext log = LogContext.of().with("pageId", item.pageId()).with("incidentId", item.subjectId())) {
            LOG.info(detail);
        }
    }

    private void savePage(String key, PageState state) {
        if (state == null) {
            pages.delete(key);
            pageTimers.put(key, null);
            waiting.remove(key);
            return;
        }
        pages.put(key, state);
        pageTimers.put(key, state.dueAt());
        if (state.status() == PageStatus.WAITING_FOR_CATALOG) {
            waiting.add(key);
        } else {
            waiting.remove(key);
        }
    }

    private void saveOutbox(String key, Outbox box) {
        outboxes.put(key, box);
        outboxTimers.put(key, box.dueAt(settings.minGap()));
    }

    /**
     * Builds the in-memory timer indexes from the stores once the task has restored them, and finds deliveries that
     * were in flight when the previous owner stopped: their outcome is unknown, so they are sent again with the same
     * delivery id.
     */
    private void index(Instant now) {
        if (indexed) {
            return;
        }
        indexed = true;
        List<KeyValue<String, PageState>> all = new ArrayList<>();
        try (KeyValueIterator<String, PageState> it = pages.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, PageState> kv : all) {
            pageTimers.put(kv.key, kv.value.dueAt());
            if (kv.value.status() == PageStatus.WAITING_FOR_CATALOG) {
                waiting.add(kv.key);
            }
        }
        List<KeyValue<String, Outbox>> boxes = new ArrayList<>();
        try (KeyValueIterator<String, Outbox> it = outboxes.all()) {
            it.forEachRemaining(boxes::add);
        }
        for (KeyValue<String, Outbox> kv : boxes) {
            Sending s = kv.value.sending();
            if (s != null && s.inFlight() && !inFlight.containsKey(kv.key)) {
                LOG.infof(
                        "delivery %s to %s was in flight when the notifier stopped: sending it again",
                        s.deliveryId(), kv.key);
                recordAttempt(
                        kv.value,
                        s,
                        "unknown",
                        null,
                        ChannelResult.retry(
                                "outcome unknown: the notifier stopped during this attempt; sending again with"
                                        + " the same delivery id"),
                        s.startedAt() == null ? now : s.startedAt());
                saveOutbox(
                        kv.key,
                        kv.value.with(new Sending(
                                s.deliveryId(), s.items(), s.channelIndex(), s.attempt() + 1, now, false, null)));
            } else {
                outboxTimers.put(kv.key, kv.value.dueAt(settings.minGap()));
            }
        }
    }

    // ---------------------------------------------------------------- timers

    private void tick(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        index(now);
        applyCompleted(now);
        if (auditsRefusals) {
            auditCatalogRefusals(now);
        }
        for (String key : pageTimers.pollDue(now)) {
            PageState page = pages.get(key);
            if (page != null) {
                apply(key, lifecycle.onTimer(page, catalogs.catalog(page.platformId()), now), now);
            }
        }
        // Pages waiting for their catalog have no due instant: a catalog can arrive at any time.
        for (String key : List.copyOf(waiting)) {
            PageState page = pages.get(key);
            Catalog catalog = page == null ? null : catalogs.catalog(page.platformId());
            if (catalog != null) {
                apply(key, lifecycle.onTimer(page, catalog, now), now);
            }
        }
        dispatchDue(now);
    }

    private void auditCatalogRefusals(Instant now) {
        List<CloudEvent> refusals = new ArrayList<>();
        Set<String> present = new HashSet<>();
        try (KeyValueIterator<String, CloudEvent> it = globalCatalogs.prefixScan(
                CatalogScreen.REFUSED, new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                CloudEvent marker = it.next().value;
                if (marker != null && present.add(marker.id()) && refusalsAudited.add(marker.id())) {
                    refusals.add(marker);
                }
            }
        }
        // A marker replaced in the store does not come back: remembering only the present ones keeps this set as small
        // as the store.
        refusalsAudited.retainAll(present);
        for (CloudEvent marker : refusals) {
            String platform = marker.data().path("platformId").asText();
            String detail = "catalog event " + marker.id() + " for " + platform + " refused: "
                    + marker.data().path("reason").asText() + ". The last accepted catalog stays in use.";
            AuditRecord record = new AuditRecord(platform, now, ACTOR, "catalog-refused", marker.id(), detail, false);
            CloudEvent ce = JsonCodec.envelope(
                    "audit/catalog-refused/" + marker.id(), EventTypes.AUDIT, SOURCE, marker.id(), now, false, record);
            LOG.warn(detail);
            context.forward(new Record<>(platform, new Output(Topics.AUDIT.name(), ce), now.toEpochMilli()));
        }
    }

    // ---------------------------------------------------------------- deliveries

    private void dispatchDue(Instant now) {
        // A delivery that fails over to the next channel is due at once: go round again (bounded).
        for (int round = 0; round < 5 && outboxTimers.anyDue(now); round++) {
            for (String key : outboxTimers.pollDue(now)) {
                Outbox box = outboxes.get(key);
                if (box != null) {
                    dispatch(key, box, now);
                }
            }
        }
    }

    private void dispatch(String key, Outbox box, Instant now) {
        Outbox started = box.startIfDue(now, settings.minGap());
        Sending s = started.sending();
        if (s == null || s.inFlight() || now.isBefore(s.dueAt())) {
            saveOutbox(key, started);
            return;
        }
        if (inFlight.size() >= settings.maxInFlight()) {
            outboxes.put(key, started);
            outboxTimers.put(key, now.plus(settings.tick())); // too many in flight: next tick
            return;
        }
        Catalog catalog = catalogs.catalog(box.platformId());
        Contact contact =
                catalog == null ? null : catalog.contact(box.contactId()).orElse(null);
        if (contact == null || s.channelIndex() >= contact.channels().size()) {
            String why = catalog == null
                    ? "no catalog for platform " + box.platformId()
                    : contact == null
                            ? "contact " + box.contactId() + " is no longer in the catalog"
                            : "no channel left to try";
            recordAttempt(started, s, "none", null, ChannelResult.refused(why), now);
            saveOutbox(key, started.givenUp());
            auditUndeliverable(started, s, why, now);
            return;
        }
        ContactChannel ch = contact.channels().get(s.channelIndex());
        Channel channel = channels.get(ch.type());
        String target = Redaction.target(ch);
        if (channel == null) {
            saveOutbox(key, started.with(s.inFlightSince(now)));
            inFlight.put(key, s.deliveryId());
            completed.add(new Completed(
                    key,
                    s.deliveryId(),
                    s.channelIndex(),
                    s.attempt(),
                    ch.type(),
                    target,
                    ChannelResult.refused("this notifier has no " + ch.type() + " channel configured")));
            applyCompleted(now);
            return;
        }
        try (LogContext log = pageContext(s.items())) {
            send(key, box, started, s, contact, ch, channel, target, now);
        }
    }

    /** The page ids and subject of a message in the MDC, for whatever is logged while it is sent or recorded. */
    private static LogContext pageContext(List<MessageItem> items) {
        MessageItem first = items.get(0);
        String subjectKey = first.kind().name().startsWith("DECISION") ? "decisionId" : "incidentId";
        return LogContext.of()
                .with(
                        "pageId",
                        String.join(
                                ",",
                                items.stream()
                                        .map(MessageItem::pageId)
                                        .distinct()
                                        .toList()))
                .with(subjectKey, first.subjectId());
    }

    private void send(
            String key,
            Outbox box,
            Outbox started,
            Sending s,
            Contact contact,
            ContactChannel ch,
            Channel channel,
            String target,
            Instant now) {
        RenderedMessage message = renderer.render(s.items(), contact, now, item -> ackLinks.link(item, now));
        Sending flying = s.inFlightSince(now);
        saveOutbox(key, started.with(flying));
        inFlight.put(key, s.deliveryId());
        OutgoingMessage outgoing =
                new OutgoingMessage(s.deliveryId(), box.platformId(), contact, ch, message, s.attempt(), now);
        long startNanos = System.nanoTime();
        java.util.concurrent.CompletionStage<ChannelResult> result;
        try {
            result = channel.send(outgoing);
        } catch (RuntimeException e) {
            result =
                    java.util.concurrent.CompletableFuture.completedFuture(ChannelResult.retry("channel failed: " + e));
        }
        result.whenComplete((r, t) -> {
            ChannelResult cr = r != null ? r : ChannelResult.retry("channel failed: " + t);
            listener.attempted(outgoing, cr, System.nanoTime() - startNanos);
            completed.add(new Completed(key, s.deliveryId(), s.channelIndex(), s.attempt(), ch.type(), target, cr));
        });
        // A channel that answers at once (refusals, tests) is recorded in this same step.
        applyCompleted(now);
    }

    /** Applies the channels' answers on the stream thread: records each attempt and decides what happens next. */
    private void applyCompleted(Instant now) {
        Completed c;
        while ((c = completed.poll()) != null) {
            if (c.deliveryId().equals(inFlight.get(c.outboxKey()))) {
                inFlight.remove(c.outboxKey());
            }
            Outbox box = outboxes.get(c.outboxKey());
            if (box == null
                    || box.sending() == null
                    || !box.sending().inFlight()
                    || !box.sending().deliveryId().equals(c.deliveryId())
                    || box.sending().attempt() != c.attempt()
                    || box.sending().channelIndex() != c.channelIndex()) {
                continue; // an answer to an attempt this task no longer waits for
            }
            Sending s = box.sending();
            try (LogContext log = pageContext(s.items())) {
                recordAttempt(box, s, c.channelType(), c.target(), c.result(), s.startedAt());
                saveOutbox(c.outboxKey(), next(box, s, c.result(), now));
            }
        }
    }

    private Outbox next(Outbox box, Sending s, ChannelResult result, Instant now) {
        if (result.delivered()) {
            return box.delivered(now);
        }
        if (result.retryable() && s.attempt() < settings.maxAttemptsPerChannel()) {
            return box.with(new Sending(
                    s.deliveryId(),
                    s.items(),
                    s.channelIndex(),
                    s.attempt() + 1,
                    now.plus(settings.backoff().after(s.attempt(), random)),
                    false,
                    null));
        }
        Catalog catalog = catalogs.catalog(box.platformId());
        int channelCount = catalog == null
                ? 0
                : catalog.contact(box.contactId()).map(x -> x.channels().size()).orElse(0);
        if (s.channelIndex() + 1 < channelCount) {
            return box.with(new Sending(s.deliveryId(), s.items(), s.channelIndex() + 1, 1, now, false, null));
        }
        auditUndeliverable(box, s, "every channel of " + box.contactId() + " failed; last: " + result.detail(), now);
        return box.givenUp();
    }

    private void recordAttempt(
            Outbox box, Sending s, String channelType, String target, ChannelResult result, Instant at) {
        DeliveryResult outcome = result.delivered() ? DeliveryResult.DELIVERED : DeliveryResult.FAILED;
        for (MessageItem item : s.items()) {
            Notification n = new Notification(
                    item.pageId(),
                    item.platformId(),
                    item.subjectId(),
                    item.kind().wire(),
                    item.level(),
                    item.contactId(),
                    channelType,
                    target,
                    s.attempt(),
                    outcome,
                    result.delivered() ? null : result.detail(),
                    at,
                    item.drill());
            String id =
                    "notification/" + s.deliveryId() + "/" + item.id() + "/c" + s.channelIndex() + "/a" + s.attempt();
            CloudEvent ce = JsonCodec.envelope(id, EventTypes.NOTIFICATION, SOURCE, item.pageId(), at, item.drill(), n);
            context.forward(
                    new Record<>(item.pageId(), new Output(Topics.NOTIFICATIONS.name(), ce), at.toEpochMilli()));
            String detail = item.kind().wire() + (item.level() > 0 ? " level " + item.level() : "") + " page "
                    + item.pageId()
                    + " to " + item.contactId() + " via " + channelType + (target == null ? "" : " " + target)
                    + ", attempt "
                    + s.attempt() + ": "
                    + (result.delivered() ? "delivered (" + result.detail() + ")" : "failed: " + result.detail())
                    + (s.items().size() > 1
                            ? " (one message folding " + s.items().size() + " items, delivery " + s.deliveryId() + ")"
                            : "");
            if (result.delivered()) {
                LOG.debug(detail);
            } else {
                LOG.info(detail);
            }
            AuditRecord audit = new AuditRecord(
                    item.platformId(),
                    at,
                    ACTOR,
                    result.delivered() ? "page-delivered" : "page-delivery-failed",
                    item.subjectId(),
                    detail,
                    item.drill());
            CloudEvent ae = JsonCodec.envelope(
                    "audit/" + id, EventTypes.AUDIT, SOURCE, item.subjectId(), at, item.drill(), audit);
            context.forward(new Record<>(item.platformId(), new Output(Topics.AUDIT.name(), ae), at.toEpochMilli()));
        }
    }

    private void auditUndeliverable(Outbox box, Sending s, String why, Instant now) {
        for (MessageItem item : s.items()) {
            AuditRecord audit = new AuditRecord(
                    item.platformId(),
                    now,
                    ACTOR,
                    "page-undeliverable",
                    item.subjectId(),
                    item.kind().wire() + " page " + item.pageId() + " could not reach " + item.contactId() + ": " + why,
                    item.drill());
            String id = "audit/undeliverable/" + s.deliveryId() + "/" + item.id() + "/c" + s.channelIndex();
            CloudEvent ae =
                    JsonCodec.envelope(id, EventTypes.AUDIT, SOURCE, item.subjectId(), now, item.drill(), audit);
            context.forward(new Record<>(item.platformId(), new Output(Topics.AUDIT.name(), ae), now.toEpochMilli()));
        }
    }

    // ---------------------------------------------------------------- audit

    private void audit(String platformId, List<AuditEntry> entries, boolean drill, Instant now) {
        for (AuditEntry e : entries) {
            AuditRecord record = new AuditRecord(platformId, now, ACTOR, e.action(), e.subjectId(), e.detail(), drill);
            String id = "audit/" + e.action() + "/" + e.subjectId() + "/"
                    + Integer.toHexString(e.detail().hashCode()) + "/" + now.toEpochMilli();
            CloudEvent ce = JsonCodec.envelope(id, EventTypes.AUDIT, SOURCE, e.subjectId(), now, drill, record);
            context.forward(new Record<>(
                    platformId == null ? "unknown" : platformId,
                    new Output(Topics.AUDIT.name(), ce),
                    now.toEpochMilli()));
        }
    }

    private void reject(Record<String, byte[]> record, String reason, Instant now) {
        String where = context.recordMetadata().map(EscalationProcessor::where).orElse("unknown position");
        String raw = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String detail = "input refused at " + where + " (key " + record.key() + "): " + reason + "; payload: "
                + (raw.length() > 500 ? raw.substring(0, 500) + "…" : raw);
        LOG.warn(detail);
        audit("unknown", List.of(new AuditEntry("input-rejected", record.key(), detail)), false, now);
    }

    private static String where(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + "@" + m.offset();
    }
}
