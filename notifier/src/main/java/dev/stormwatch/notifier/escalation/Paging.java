package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.PageId;
import dev.stormwatch.notifier.page.PageLifecycle;
import dev.stormwatch.notifier.page.PageOutcome;
import dev.stormwatch.notifier.page.PageState;
import dev.stormwatch.notifier.page.PageStatus;
import dev.stormwatch.notifier.page.Paged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The paging stage: each subject's page (store {@code pages}, keyed by subject) through its {@link PageLifecycle}, its
 * escalation timer, and what each step hands on: messages to the contacts' outboxes, entries to the audit trail. Every
 * lookup is by key; the timers and the pages waiting for their catalog are in-memory indexes rebuilt when the task
 * starts.
 *
 * <p>Before a level goes out, the {@link RecordedAcks} are asked whether someone acknowledged a page of the run
 * already: an acknowledgement written before the level was due stops it even when its record is still on its way
 * through the repartition (after a restart, the timers fire at the first tick, before the acknowledgements made before
 * the crash come through). Until the recorded acknowledgements have been read up to where they were at start, nothing
 * escalates.
 */
final class Paging {

    private static final Logger LOG = Logger.getLogger(Paging.class);

    private final PageLifecycle lifecycle;
    private final KeyValueStore<String, PageState> pages;
    private final CatalogBook catalogs;
    private final Deliveries deliveries;
    private final EvidenceTrail trail;
    private final RecordedAcks recorded;

    private final DueIndex due = new DueIndex();
    /** Pages waiting for their platform's catalog, by platform: a tick asks once per platform, not once per page. */
    private final Map<String, Set<String>> waiting = new HashMap<>();
    /** Whether the wait for the recorded acknowledgements was logged, so that it is logged once per task start. */
    private boolean held;

    Paging(
            PageLifecycle lifecycle,
            KeyValueStore<String, PageState> pages,
            CatalogBook catalogs,
            Deliveries deliveries,
            EvidenceTrail trail,
            RecordedAcks recorded) {
        this.lifecycle = lifecycle;
        this.pages = pages;
        this.catalogs = catalogs;
        this.deliveries = deliveries;
        this.trail = trail;
        this.recorded = recorded;
    }

    void onIncident(Incident incident, boolean drill, Instant now) {
        if (incident.id() == null || incident.state() == null) {
            throw new IllegalArgumentException("an incident needs an id and a state");
        }
        PageState page = pages.get(incident.id());
        Catalog catalog = catalogs.catalog(incident.platformId());
        apply(incident.id(), lifecycle.onIncident(page, incident, drill || incident.drill(), catalog, now), now);
    }

    void onDecision(Decision decision, boolean taken, boolean drill, Instant now) {
        if (decision.id() == null || decision.state() == null) {
            throw new IllegalArgumentException("a decision needs an id and a state");
        }
        PageState page = pages.get(decision.id());
        Catalog catalog = catalogs.catalog(decision.platformId());
        apply(decision.id(), lifecycle.onDecision(page, decision, taken, drill || decision.drill(), catalog, now), now);
    }

    void onHandover(Handover handover, boolean drill, Instant now) {
        if (handover.id() == null) {
            throw new IllegalArgumentException("a handover needs an id");
        }
        String key = "handover/" + handover.id();
        Catalog catalog = catalogs.catalog(handover.platformId());
        apply(key, lifecycle.onHandover(pages.get(key), handover, drill || handover.drill(), catalog, now), now);
    }

    void onReadiness(FeasibilityReport report, Instant now) {
        if (report.platformId() == null) {
            throw new IllegalArgumentException("a feasibility report needs a platform id");
        }
        String key = PageLifecycle.readinessSubject(report.platformId());
        Catalog catalog = catalogs.catalog(report.platformId());
        apply(key, lifecycle.onReadiness(pages.get(key), report, catalog, now), now);
    }

    void onAck(Ack ack, Instant now) {
        if (ack.pageId() == null) {
            throw new IllegalArgumentException("an acknowledgement needs a page id");
        }
        String subject = ack.subjectId() != null
                ? ack.subjectId()
                : PageId.parse(ack.pageId()).map(PageId::subjectId).orElse(ack.pageId());
        apply(subject, lifecycle.onAck(pages.get(subject), ack, now), now);
    }

    /** Escalates the pages that are due, opens those whose catalog arrived, and forgets closed ones past retention. */
    void fireDue(Instant now) {
        if (!recorded.caughtUp()) {
            if (due.anyDue(now) && !held) {
                held = true;
                LOG.infof(
                        "%d page timers wait until the acknowledgements recorded before this start are read",
                        due.size());
            }
        } else {
            for (String key : due.pollDue(now)) {
                PageState page = pages.get(key);
                if (page != null) {
                    Optional<Ack> ack = recordedAck(page);
                    apply(
                            key,
                            ack.isPresent()
                                    ? lifecycle.onRecordedAck(page, ack.get(), now)
                                    : lifecycle.onTimer(page, catalogs.catalog(page.platformId()), now),
                            now);
                }
            }
        }
        // Pages waiting for their catalog have no due instant: a catalog can arrive at any time.
        for (String platform : List.copyOf(waiting.keySet())) {
            Catalog catalog = catalogs.catalog(platform);
            if (catalog == null) {
                continue;
            }
            for (String key : List.copyOf(waiting.getOrDefault(platform, Set.of()))) {
                PageState page = pages.get(key);
                if (page == null) {
                    unwait(platform, key);
                } else {
                    apply(key, lifecycle.onTimer(page, catalog, now), now);
                }
            }
        }
    }

    /**
     * When a tick next has something to do here: the earliest page timer. Pages waiting for their catalog are looked at
     * by every tick, quiet ones included, but do not keep the tick short: a catalog the notifier refused may never
     * come, and the page then waits without costing a commit every short tick.
     */
    Instant nextAttention() {
        return due.next();
    }

    /**
     * An acknowledgement of a page of the current run, recorded no earlier than that page was sent (a page id comes
     * back when a subject's page was purged and opened again; an older acknowledgement of it is of the earlier page).
     */
    private Optional<Ack> recordedAck(PageState page) {
        if (page.status() != PageStatus.OPEN) {
            return Optional.empty();
        }
        for (Paged p : page.paged()) {
            if (p.pass() < page.runStartPass()) {
                continue;
            }
            Optional<Ack> ack = recorded.find(p.pageId());
            if (ack.isPresent()
                    && (ack.get().at() == null
                            || p.at() == null
                            || !ack.get().at().isBefore(p.at()))) {
                return ack;
            }
        }
        return Optional.empty();
    }

    /** Indexes the restored pages' timers once a task starts. */
    void restore() {
        List<KeyValue<String, PageState>> all = new ArrayList<>();
        try (KeyValueIterator<String, PageState> it = pages.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, PageState> kv : all) {
            index(kv.key, kv.value);
        }
    }

    /** Stores the page's next state, writes its audit records and queues its messages in the outboxes. */
    private void apply(String key, PageOutcome outcome, Instant now) {
        PageState state = outcome.state();
        if (outcome.changed()) {
            save(key, state);
        }
        String platform = state != null
                ? state.platformId()
                : outcome.messages().isEmpty()
                        ? "unknown"
                        : outcome.messages().get(0).platformId();
        trail.audit(platform, outcome.audits(), state != null && state.drill(), now);
        for (MessageItem item : outcome.messages()) {
            deliveries.enqueue(item, now);
        }
    }

    private void save(String key, PageState state) {
        if (state == null) {
            pages.delete(key);
            due.put(key, null); // only closed pages are forgotten, and a closed page waits for nothing
            return;
        }
        pages.put(key, state);
        index(key, state);
    }

    private void index(String key, PageState state) {
        due.put(key, state.dueAt());
        if (state.status() == PageStatus.WAITING_FOR_CATALOG) {
            waiting.computeIfAbsent(String.valueOf(state.platformId()), p -> new LinkedHashSet<>())
                    .add(key);
        } else {
            unwait(String.valueOf(state.platformId()), key);
        }
    }

    private void unwait(String platform, String key) {
        Set<String> keys = waiting.get(platform);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            waiting.remove(platform);
        }
    }
}
