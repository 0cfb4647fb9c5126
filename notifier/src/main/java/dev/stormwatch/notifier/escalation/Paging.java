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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The paging stage: each subject's page (store {@code pages}, keyed by subject) through its {@link PageLifecycle}, its
 * escalation timer, and what each step hands on: messages to the contacts' outboxes, entries to the audit trail. Every
 * lookup is by key; the timers and the pages waiting for their catalog are in-memory indexes rebuilt when the task
 * starts.
 */
final class Paging {

    private final PageLifecycle lifecycle;
    private final KeyValueStore<String, PageState> pages;
    private final CatalogBook catalogs;
    private final Deliveries deliveries;
    private final EvidenceTrail trail;

    private final DueIndex due = new DueIndex();
    /** Pages waiting for their platform's catalog, by platform: a tick asks once per platform, not once per page. */
    private final Map<String, Set<String>> waiting = new HashMap<>();

    Paging(
            PageLifecycle lifecycle,
            KeyValueStore<String, PageState> pages,
            CatalogBook catalogs,
            Deliveries deliveries,
            EvidenceTrail trail) {
        this.lifecycle = lifecycle;
        this.pages = pages;
        this.catalogs = catalogs;
        this.deliveries = deliveries;
        this.trail = trail;
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
        for (String key : due.pollDue(now)) {
            PageState page = pages.get(key);
            if (page != null) {
                apply(key, lifecycle.onTimer(page, catalogs.catalog(page.platformId()), now), now);
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
