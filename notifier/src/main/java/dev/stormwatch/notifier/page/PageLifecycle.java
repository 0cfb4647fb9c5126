package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.Downstream;
import dev.stormwatch.contracts.catalog.EscalationLevel;
import dev.stormwatch.contracts.catalog.EscalationPolicy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.notifier.oncall.OnCall;
import dev.stormwatch.notifier.oncall.Recipient;
import dev.stormwatch.notifier.oncall.WorkingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The life of a page, as pure functions of (page, event, catalog, now): open on an incident or decision, page level 1
 * at once, page level N+1 when level N's {@code after} passes without an acknowledgement, repeat the policy as it says,
 * stop on an acknowledgement, close when the incident resolves or the decision is no longer open.
 *
 * <p>Updates that change nothing are duplicates and send nothing; real updates go to everyone paged so far; a severity
 * increase starts a new run of the policy (new page ids), paging level 1 and everyone paged before, acknowledged or
 * not.
 */
public final class PageLifecycle {

    /** The policy used when neither the components nor the platform name one: the DR lead, once. */
    public static final String DR_LEAD_POLICY = "platform-dr-lead";

    private static final int MAX_STEPS_PER_TIMER = 1000;

    private final String decisionPolicy;
    private final Duration closedRetention;

    /**
     * @param decisionPolicy the policy decisions use when the catalog has one by this name (else the platform's)
     * @param closedRetention how long a closed page is kept to answer late acknowledgements
     */
    public PageLifecycle(String decisionPolicy, Duration closedRetention) {
        this.decisionPolicy = decisionPolicy;
        this.closedRetention = closedRetention;
    }

    // ---------------------------------------------------------------- incidents

    public PageOutcome onIncident(PageState page, Incident incident, boolean drill, Catalog catalog, Instant now) {
        Incident slim = slim(incident);
        if (page != null
                && page.incident() != null
                && incident.version() <= page.incident().version()) {
            return PageOutcome.unchanged(page); // an older or repeated snapshot
        }
        boolean terminal = incident.state() == IncidentState.RESOLVED || incident.state() == IncidentState.CLOSED;
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        String fingerprint = fingerprint(incident);

        if (page == null || (page.status() == PageStatus.CLOSED && !terminal)) {
            if (terminal) {
                // Never paged and already over: remember it, so a late older snapshot does not open a page.
                PageState.Builder b = new PageState.Builder();
                b.subjectId = incident.id();
                b.kind = SubjectKind.INCIDENT;
                b.platformId = incident.platformId();
                b.status = PageStatus.CLOSED;
                b.incident = slim;
                b.fingerprint = fingerprint;
                b.drill = drill;
                b.purgeAt = now.plus(closedRetention);
                return new PageOutcome(b.build(), true, out, audits);
            }
            PageState.Builder b = page == null ? new PageState.Builder() : page.toBuilder();
            b.subjectId = incident.id();
            b.kind = SubjectKind.INCIDENT;
            b.platformId = incident.platformId();
            b.incident = slim;
            b.fingerprint = fingerprint;
            b.drill = drill;
            b.maintenance = incident.plannedMaintenance();
            b.purgeAt = null;
            b.ack = null;
            if (page != null) {
                // Reopened: a new run with new page ids.
                b.pass = page.pass() + 1;
                audits.add(new AuditEntry(
                        "page-reopened",
                        incident.id(),
                        "incident " + incident.id() + " is " + incident.state().wire() + " again (version "
                                + incident.version() + ")"));
            }
            return open(b, catalog, now, out, audits, List.of());
        }

        PageState.Builder b = page.toBuilder();
        Incident previous = page.incident();
        b.incident = slim;
        b.fingerprint = fingerprint;
        b.drill = page.drill() || drill;
        // The correlator keeps it true for good only while every event is maintenance; an outage ends it.
        b.maintenance = incident.plannedMaintenance();

        if (page.status() == PageStatus.WAITING_FOR_CATALOG) {
            if (terminal) {
                close(b, now);
                audits.add(new AuditEntry(
                        "page-closed",
                        incident.id(),
                        "incident " + incident.state().wire() + " before the catalog of " + incident.platformId()
                                + " arrived; nobody was paged"));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (page.status() == PageStatus.CLOSED) {
            return new PageOutcome(b.build(), true, out, audits); // a later terminal snapshot (closed after resolved)
        }
        if (terminal) {
            close(b, now);
            Brief brief = brief(slim, catalog, page).withChanges(changes(previous, incident));
            tellEveryonePaged(
                    b.build(), MessageKind.INCIDENT_RESOLVED, brief, false, incident.version(), catalog, now, out);
            audits.add(new AuditEntry(
                    "page-closed",
                    incident.id(),
                    "incident " + incident.state().wire() + ": escalation stopped after level " + page.level()
                            + " of pass " + page.pass() + "; told "
                            + distinctContacts(page).size() + " people"));
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (previous != null
                && previous.severity() != null
                && incident.severity() != null
                && incident.severity().ordinal() < previous.severity().ordinal()) {
            // A severity increase: everyone must look again, including whoever acknowledged.
            String change = "severity raised from " + previous.severity().wire() + " to "
                    + incident.severity().wire();
            b.pass = page.pass() + 1;
            b.runStartPass = b.pass;
            b.ack = null;
            b.level = 0;
            audits.add(new AuditEntry(
                    "page-severity-raised",
                    incident.id(),
                    change + ": new run from level 1, pass " + b.pass
                            + (page.ack() == null
                                    ? ""
                                    : ", acknowledgement by " + page.ack().by() + " cleared")));
            List<String> before = distinctContacts(page);
            List<String> changes = new ArrayList<>(List.of(change));
            changes.addAll(changes(previous, incident).stream()
                    .filter(c -> !c.startsWith("severity"))
                    .toList());
            return open(b, catalog, now, out, audits, before, changes);
        }
        if (fingerprint.equals(page.fingerprint())) {
            return new PageOutcome(b.build(), true, out, audits); // a duplicate update: nobody is told again
        }
        Brief brief = brief(slim, catalog, page).withChanges(changes(previous, incident));
        tellEveryonePaged(
                b.build(),
                MessageKind.INCIDENT_UPDATED,
                brief,
                page.status() == PageStatus.OPEN,
                incident.version(),
                catalog,
                now,
                out);
        audits.add(new AuditEntry(
                "page-updated",
                incident.id(),
                "incident updated (" + String.join("; ", brief.changes()) + "): told "
                        + distinctContacts(page).size() + " people"));
        return new PageOutcome(b.build(), true, out, audits);
    }

    // ---------------------------------------------------------------- decisions

    /**
     * @param taken true for a {@code decision-taken} record from status-api: its state is the person's choice, its
     *     version the one they saw, so it closes the page without a newer version
     */
    public PageOutcome onDecision(
            PageState page, Decision decision, boolean taken, boolean drill, Catalog catalog, Instant now) {
        boolean open = decision.state() == DecisionState.OPEN;
        if (taken && open) {
            return PageOutcome.unchanged(page);
        }
        if (!taken
                && page != null
                && page.decision() != null
                && decision.version() <= page.decision().version()) {
            return PageOutcome.unchanged(page);
        }
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        String fingerprint = fingerprint(decision);

        if (page == null) {
            PageState.Builder b = new PageState.Builder();
            b.subjectId = decision.id();
            b.kind = SubjectKind.DECISION;
            b.platformId = decision.platformId();
            b.decision = decision;
            b.fingerprint = fingerprint;
            b.reminders = decision.remindersSent();
            b.drill = drill;
            if (!open) {
                close(b, now);
                return new PageOutcome(b.build(), true, out, audits);
            }
            return open(b, catalog, now, out, audits, List.of());
        }
        PageState.Builder b = page.toBuilder();
        Decision previous = page.decision();
        b.decision =
                taken && previous != null ? decision.version() < previous.version() ? previous : decision : decision;
        b.fingerprint = fingerprint;
        b.drill = page.drill() || drill;
        if (page.status() == PageStatus.CLOSED) {
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (!open) {
            close(b, now);
            if (page.status() != PageStatus.WAITING_FOR_CATALOG) {
                String how =
                        decision.state().wire() + (decision.decidedBy() == null ? "" : " by " + decision.decidedBy());
                Brief brief = brief(decision, catalog, page).withChanges(List.of("decision " + how));
                tellEveryonePaged(
                        page, MessageKind.DECISION_CLOSED, brief, false, decision.version(), catalog, now, out);
                audits.add(new AuditEntry(
                        "page-closed",
                        decision.id(),
                        "decision " + how + ": escalation stopped after level " + page.level() + " of pass "
                                + page.pass()));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (page.status() == PageStatus.WAITING_FOR_CATALOG) {
            return new PageOutcome(b.build(), true, out, audits);
        }
        List<String> changes = changes(previous, decision);
        if (decision.remindersSent() > page.reminders()) {
            b.reminders = decision.remindersSent();
            changes.add(0, "reminder " + decision.remindersSent());
        }
        if (changes.isEmpty()) {
            return new PageOutcome(b.build(), true, out, audits);
        }
        Brief brief = brief(decision, catalog, page).withChanges(changes);
        tellEveryonePaged(
                page,
                MessageKind.DECISION_REMINDER,
                brief,
                page.status() == PageStatus.OPEN,
                decision.version(),
                catalog,
                now,
                out);
        audits.add(new AuditEntry(
                "page-reminded",
                decision.id(),
                String.join("; ", changes) + ": told " + distinctContacts(page).size() + " people"));
        return new PageOutcome(b.build(), true, out, audits);
    }

    // ---------------------------------------------------------------- readiness

    /** The subject a platform's readiness page is kept under. */
    public static String readinessSubject(String platformId) {
        return "readiness-" + platformId;
    }

    /**
     * A platform's feasibility report: when it has a readiness finding the last report did not have (readiness
     * dropped), the DR lead is paged with the new findings; the same findings again, or fewer, page nobody; none left
     * closes the page. The findings seen last are the page's fingerprint, so a report repeated or re-read after a
     * restart pages nobody twice.
     */
    public PageOutcome onReadiness(PageState page, FeasibilityReport report, Catalog catalog, Instant now) {
        List<Finding> findings =
                report.findings().stream().filter(Finding::readiness).toList();
        List<String> keys = findings.stream()
                .map(PageLifecycle::readinessKey)
                .distinct()
                .sorted()
                .toList();
        String fingerprint = String.join(",", keys);
        if (page != null && fingerprint.equals(page.fingerprint())) {
            return PageOutcome.unchanged(page);
        }
        if (page == null && findings.isEmpty()) {
            return PageOutcome.unchanged(null);
        }
        Set<String> before =
                page == null || page.fingerprint() == null || page.fingerprint().isEmpty()
                        ? Set.of()
                        : Set.of(page.fingerprint().split(","));
        List<Finding> dropped =
                findings.stream().filter(f -> !before.contains(readinessKey(f))).toList();
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        PageState.Builder b = page == null ? new PageState.Builder() : page.toBuilder();
        b.subjectId = readinessSubject(report.platformId());
        b.kind = SubjectKind.READINESS;
        b.platformId = report.platformId();
        b.fingerprint = fingerprint;
        if (dropped.isEmpty()) {
            if (findings.isEmpty() && page != null && page.status() != PageStatus.CLOSED) {
                close(b, now);
                audits.add(
                        new AuditEntry("page-closed", b.subjectId, "readiness restored: no readiness finding is left"));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        b.readiness = Brief.ofReadiness(report, dropped, findings, catalog);
        b.purgeAt = null;
        b.ack = null;
        if (page != null) {
            b.pass = page.pass() + 1;
        }
        audits.add(new AuditEntry(
                "readiness-dropped",
                b.subjectId,
                dropped.size() + " new readiness finding(s): "
                        + dropped.stream().map(Finding::kind).collect(Collectors.joining(", "))));
        return open(b, catalog, now, out, audits, List.of());
    }

    private static String readinessKey(Finding f) {
        return digest(f.kind() + ":" + f.summary());
    }

    // ---------------------------------------------------------------- handovers

    /** Tells the downstream consumers of a recovered component; {@code marker} is the handover seen before, if any. */
    public PageOutcome onHandover(PageState marker, Handover handover, boolean drill, Catalog catalog, Instant now) {
        if (marker != null) {
            return PageOutcome.unchanged(marker);
        }
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        PageState.Builder b = new PageState.Builder();
        b.subjectId = handover.id();
        b.kind = SubjectKind.HANDOVER;
        b.platformId = handover.platformId();
        b.status = PageStatus.CLOSED;
        b.drill = drill;
        b.purgeAt = now.plus(closedRetention);
        if (catalog == null) {
            audits.add(new AuditEntry(
                    "handover-not-announced",
                    handover.id(),
                    "no catalog for platform " + handover.platformId() + ": the downstream contacts of "
                            + handover.componentId() + " are unknown"));
            return new PageOutcome(b.build(), true, out, audits);
        }
        Map<String, String> contacts = new LinkedHashMap<>();
        List<Downstream> consumers = handover.consumers().isEmpty()
                ? catalog.consumersOf(handover.componentId())
                : catalog.downstream().stream()
                        .filter(d -> handover.consumers().contains(d.id()))
                        .toList();
        for (Downstream d : consumers) {
            if (d.contact() != null) {
                contacts.putIfAbsent(d.contact(), "downstream consumer " + d.id() + " of " + handover.componentId());
            }
        }
        Brief brief = Brief.of(handover, catalog);
        String pageId = handover.id() + ".handover";
        contacts.forEach((contact, why) -> out.add(new MessageItem(
                handover.id() + "/" + contact,
                MessageKind.HANDOVER,
                handover.platformId(),
                handover.id(),
                pageId,
                0,
                false,
                drill,
                contact,
                why,
                now,
                brief)));
        audits.add(new AuditEntry(
                "handover-announced",
                handover.id(),
                handover.componentId() + " in " + handover.region()
                        + ": told "
                        + (contacts.isEmpty()
                                ? "nobody (no downstream consumer has a contact)"
                                : String.join(", ", contacts.keySet()))));
        return new PageOutcome(b.build(), true, out, audits);
    }

    // ---------------------------------------------------------------- acknowledgements

    public PageOutcome onAck(PageState page, Ack ack, Instant now) {
        String subject = ack.subjectId() != null
                ? ack.subjectId()
                : PageId.parse(ack.pageId()).map(PageId::subjectId).orElse(ack.pageId());
        if (page == null || page.kind() == SubjectKind.HANDOVER) {
            return PageOutcome.unchanged(
                    page,
                    new AuditEntry(
                            "ack-ignored",
                            subject,
                            "acknowledgement of unknown page " + ack.pageId() + " by " + ack.by()));
        }
        Optional<PageId> id = PageId.parse(ack.pageId());
        if (page.status() == PageStatus.OPEN
                && id.isPresent()
                && id.get().pass() >= page.runStartPass()
                && id.get().pass() <= page.pass()) {
            PageState.Builder b = page.toBuilder();
            b.status = PageStatus.ACKNOWLEDGED;
            b.ack = ack;
            b.nextAt = null;
            return new PageOutcome(
                    b.build(),
                    true,
                    List.of(),
                    List.of(new AuditEntry(
                            "page-acknowledged",
                            page.subjectId(),
                            "page " + ack.pageId() + " acknowledged by " + ack.by() + " via " + ack.via() + " at "
                                    + ack.at() + ": escalation stopped at level " + page.level() + " of pass "
                                    + page.pass())));
        }
        String why = switch (page.status()) {
            case ACKNOWLEDGED ->
                "already acknowledged by " + page.ack().by() + " at "
                        + page.ack().at();
            case CLOSED -> "the page is closed";
            case WAITING_FOR_CATALOG -> "nobody has been paged yet";
            case OPEN -> "page " + ack.pageId() + " belongs to an earlier run (severity was raised since)";
        };
        return PageOutcome.unchanged(
                page,
                new AuditEntry(
                        "ack-ignored",
                        page.subjectId(),
                        "acknowledgement of " + ack.pageId() + " by " + ack.by() + " ignored: " + why));
    }

    // ---------------------------------------------------------------- timers

    /** Pages whatever is due at {@code now}; opens a page that was waiting for its catalog; purges old closed pages. */
    public PageOutcome onTimer(PageState page, Catalog catalog, Instant now) {
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        if (page.status() == PageStatus.CLOSED) {
            return page.purgeAt() != null && !now.isBefore(page.purgeAt())
                    ? new PageOutcome(null, true, out, audits)
                    : PageOutcome.unchanged(page);
        }
        if (page.status() == PageStatus.WAITING_FOR_CATALOG) {
            if (catalog == null) {
                return PageOutcome.unchanged(page);
            }
            return open(page.toBuilder(), catalog, now, out, audits, List.of());
        }
        if (page.status() != PageStatus.OPEN || page.nextAt() == null || now.isBefore(page.nextAt())) {
            return PageOutcome.unchanged(page);
        }
        if (catalog == null) {
            return PageOutcome.unchanged(page);
        }
        PageState.Builder b = page.toBuilder();
        EscalationPolicy policy = policy(b, catalog);
        int steps = 0;
        while (b.nextAt != null && !now.isBefore(b.nextAt) && steps++ < MAX_STEPS_PER_TIMER) {
            if (b.level < policy.levels().size()) {
                pageLevel(b, catalog, policy, b.level + 1, now, List.of(), List.of(), out, audits);
            } else if (b.pass - b.runStartPass < policy.repeatOrZero()) {
                b.pass++;
                pageLevel(
                        b,
                        catalog,
                        policy,
                        1,
                        now,
                        List.of(),
                        List.of("repeat " + (b.pass - b.runStartPass) + " of " + policy.repeatOrZero()
                                + ": nobody acknowledged"),
                        out,
                        audits);
            } else {
                b.nextAt = null;
                audits.add(new AuditEntry(
                        "escalation-exhausted",
                        b.subjectId,
                        "every level of " + policy.id() + " paged " + (policy.repeatOrZero() + 1)
                                + " time(s) without an acknowledgement"));
            }
        }
        return new PageOutcome(b.build(), true, out, audits);
    }

    // ---------------------------------------------------------------- internals

    private PageOutcome open(
            PageState.Builder b,
            Catalog catalog,
            Instant now,
            List<MessageItem> out,
            List<AuditEntry> audits,
            List<String> alsoPage) {
        return open(b, catalog, now, out, audits, alsoPage, List.of());
    }

    private PageOutcome open(
            PageState.Builder b,
            Catalog catalog,
            Instant now,
            List<MessageItem> out,
            List<AuditEntry> audits,
            List<String> alsoPage,
            List<String> changes) {
        if (catalog == null) {
            boolean first = b.status != PageStatus.WAITING_FOR_CATALOG;
            b.status = PageStatus.WAITING_FOR_CATALOG;
            if (first) {
                audits.add(new AuditEntry(
                        "page-waiting",
                        b.subjectId,
                        "no catalog for platform " + b.platformId + " yet: paged as soon as it arrives"));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        b.status = PageStatus.OPEN;
        b.level = 0;
        b.runStartPass = b.pass;
        b.paged = List.of();
        EscalationPolicy policy = selectPolicy(b, catalog);
        b.policyId = policy.id();
        pageLevel(b, catalog, policy, 1, now, alsoPage, changes, out, audits);
        return new PageOutcome(b.build(), true, out, audits);
    }

    private void pageLevel(
            PageState.Builder b,
            Catalog catalog,
            EscalationPolicy policy,
            int level,
            Instant now,
            List<String> alsoPage,
            List<String> changes,
            List<MessageItem> out,
            List<AuditEntry> audits) {
        EscalationLevel l = policy.levels().get(level - 1);
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (Recipient r : OnCall.resolveLevel(catalog, l.targets(), now)) {
            recipients.putIfAbsent(r.contactId(), r);
        }
        for (String contact : alsoPage) {
            recipients.putIfAbsent(
                    contact,
                    new Recipient(
                            contact,
                            "paged-before",
                            List.of(contact + " was paged before the severity was raised"),
                            false));
        }
        String pageId = PageId.of(b.subjectId, level, b.pass);
        MessageKind kind = switch (b.kind) {
            case DECISION -> MessageKind.DECISION_NEEDED;
            case READINESS -> MessageKind.READINESS_DROPPED;
            default -> MessageKind.INCIDENT_OPENED;
        };
        Brief brief = switch (b.kind) {
            case DECISION -> Brief.of(b.decision, catalog);
            case READINESS -> b.readiness;
            default -> Brief.of(b.incident, catalog);
        };
        brief = brief.withChanges(changes);
        List<Paged> paged = new ArrayList<>(b.paged);
        List<String> names = new ArrayList<>();
        Instant reached = now;
        for (Recipient r : recipients.values()) {
            String why = r.explanation();
            paged.add(new Paged(r.contactId(), pageId, level, b.pass, now, why));
            MessageItem item = new MessageItem(
                    pageId + "/" + r.contactId(),
                    kind,
                    b.platformId,
                    b.subjectId,
                    pageId,
                    level,
                    true,
                    b.drill,
                    r.contactId(),
                    why,
                    now,
                    brief);
            Optional<WorkingTime.Hold> hold = hold(b.kind, b.maintenance, catalog, r.contactId(), now);
            if (hold.isPresent()) {
                item = item.heldUntil(hold.get().until(), hold.get().reason());
                reached = hold.get().until().isAfter(reached) ? hold.get().until() : reached;
            }
            out.add(item);
            names.add(r.contactId() + (r.uncovered() ? " (on leave, nobody to cover)" : "") + " [" + why + "]"
                    + hold.map(h -> " (" + h.reason() + ")").orElse(""));
        }
        b.paged = paged;
        b.level = level;
        b.levelAt = now;
        // A held level has its full time to answer once the last of its people is at work: the next level is not
        // paged (or held) while this one has not even been delivered.
        b.nextAt = reached.plus(l.afterDuration());
        audits.add(new AuditEntry(
                "page-level-paged",
                b.subjectId,
                "page " + pageId + ": level " + level + " of "
                        + policy.id() + " (pass " + b.pass + ") → "
                        + (names.isEmpty() ? "nobody (no target resolves to a contact)" : String.join("; ", names))
                        + "; next level at " + b.nextAt));
        if (recipients.isEmpty()) {
            b.nextAt = now; // a level that reaches nobody wastes no time: the next one is due at once
        }
    }

    private void tellEveryonePaged(
            PageState page,
            MessageKind kind,
            Brief brief,
            boolean ackable,
            long version,
            Catalog catalog,
            Instant now,
            List<MessageItem> out) {
        Map<String, Paged> latest = new LinkedHashMap<>();
        for (Paged p : page.paged()) {
            latest.put(p.contactId(), p);
        }
        for (Paged p : latest.values()) {
            MessageItem item = new MessageItem(
                    page.subjectId() + "/v" + version + "/" + kind.wire() + "/" + p.contactId(),
                    kind,
                    page.platformId(),
                    page.subjectId(),
                    p.pageId(),
                    p.level(),
                    ackable,
                    page.drill(),
                    p.contactId(),
                    p.why(),
                    now,
                    brief);
            out.add(hold(page.kind(), page.maintenance(), catalog, p.contactId(), now)
                    .map(h -> item.heldUntil(h.until(), h.reason()))
                    .orElse(item));
        }
    }

    /** Only planned maintenance waits for working hours: outages and DR decisions page at any hour. */
    private static Optional<WorkingTime.Hold> hold(
            SubjectKind kind, boolean maintenance, Catalog catalog, String contactId, Instant now) {
        if (kind != SubjectKind.INCIDENT || !maintenance || catalog == null) {
            return Optional.empty();
        }
        return WorkingTime.holdFor(catalog, contactId, now);
    }

    private void close(PageState.Builder b, Instant now) {
        b.status = PageStatus.CLOSED;
        b.nextAt = null;
        b.purgeAt = now.plus(closedRetention);
    }

    private static List<String> distinctContacts(PageState page) {
        return page.paged().stream().map(Paged::contactId).distinct().toList();
    }

    private EscalationPolicy policy(PageState.Builder b, Catalog catalog) {
        if (b.policyId != null && !DR_LEAD_POLICY.equals(b.policyId)) {
            Optional<EscalationPolicy> p = catalog.escalationPolicy(b.policyId);
            if (p.isPresent()) {
                return p.get();
            }
        }
        return selectPolicy(b, catalog);
    }

    /**
     * Incidents: the policy of the most important impacted component that names one, else the platform's. Decisions:
     * the catalog's decision policy when it has one, else the platform's. Neither: the DR lead, once.
     */
    EscalationPolicy selectPolicy(PageState.Builder b, Catalog catalog) {
        Optional<EscalationPolicy> chosen = Optional.empty();
        if (b.kind == SubjectKind.READINESS) {
            return drLeadPolicy(catalog);
        }
        if (b.kind == SubjectKind.INCIDENT && b.incident != null) {
            chosen = b.incident.components().stream()
                    .map(catalog::component)
                    .flatMap(Optional::stream)
                    .filter(c -> c.escalationPolicy() != null)
                    .sorted(Comparator.comparingInt(Component::priorityOrDefault))
                    .map(c -> catalog.escalationPolicy(c.escalationPolicy()))
                    .flatMap(Optional::stream)
                    .findFirst();
        } else if (b.kind == SubjectKind.DECISION && decisionPolicy != null) {
            chosen = catalog.escalationPolicy(decisionPolicy);
        }
        if (chosen.isEmpty() && catalog.platform().escalationPolicy() != null) {
            chosen = catalog.escalationPolicy(catalog.platform().escalationPolicy());
        }
        return chosen.orElseGet(() -> drLeadPolicy(catalog));
    }

    /** The platform's DR lead, once; a readiness page goes to the DR lead alone. */
    private static EscalationPolicy drLeadPolicy(Catalog catalog) {
        return new EscalationPolicy(
                DR_LEAD_POLICY,
                0,
                List.of(new EscalationLevel(
                        "15m",
                        catalog.platform().drLead() == null
                                ? List.of()
                                : List.of("contact:" + catalog.platform().drLead()))));
    }

    private static Brief brief(Incident incident, Catalog catalog, PageState page) {
        return catalog == null
                ? new Brief(
                        page.platformId(),
                        incident.id(),
                        incident.title(),
                        incident.severity() == null ? null : incident.severity().wire(),
                        incident.state().wire(),
                        incident.components(),
                        incident.regions(),
                        incident.impactStart(),
                        null,
                        null,
                        false,
                        null,
                        List.of(),
                        List.of(),
                        incident.assessment())
                : Brief.of(incident, catalog);
    }

    private static Brief brief(Decision decision, Catalog catalog, PageState page) {
        return catalog == null
                ? new Brief(
                        page.platformId(),
                        decision.id(),
                        decision.title(),
                        decision.kind() == null ? null : decision.kind().wire(),
                        decision.state().wire(),
                        List.of(),
                        List.of(),
                        decision.raisedAt(),
                        null,
                        decision.deadline(),
                        decision.rtoAtRisk(),
                        decision.recommendation(),
                        decision.options(),
                        List.of(),
                        null)
                : Brief.of(decision, catalog);
    }

    /** The incident without most of its timeline: the store keeps what messages need, not the history. */
    private static Incident slim(Incident i) {
        List<TimelineEntry> timeline = i.timeline().size() <= 3
                ? i.timeline()
                : i.timeline().subList(i.timeline().size() - 3, i.timeline().size());
        return new Incident(
                i.id(),
                i.platformId(),
                i.title(),
                i.state(),
                i.severity(),
                i.components(),
                i.regions(),
                i.trackingIds(),
                i.primaryRegionHit(),
                i.readinessRisk(),
                i.assessment(),
                i.impactStart(),
                i.openedAt(),
                i.mitigatedAt(),
                i.resolvedAt(),
                i.closedAt(),
                i.updatedAt(),
                i.version(),
                i.drill(),
                timeline);
    }

    static String fingerprint(Incident i) {
        return digest(i.state() + "|" + i.severity() + "|" + new TreeSet<>(i.components()) + "|"
                + new TreeSet<>(i.regions()) + "|" + i.title() + "|" + i.assessment() + "|" + i.primaryRegionHit() + "|"
                + i.readinessRisk());
    }

    static String fingerprint(Decision d) {
        return digest(
                d.state() + "|" + d.deadline() + "|" + d.rtoAtRisk() + "|" + d.title() + "|" + d.recommendation());
    }

    static List<String> changes(Incident before, Incident after) {
        List<String> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        if (before.state() != after.state()) {
            out.add("state " + before.state().wire() + " → " + after.state().wire());
        }
        if (before.severity() != after.severity() && after.severity() != null) {
            out.add("severity "
                    + (before.severity() == null ? "none" : before.severity().wire()) + " → "
                    + after.severity().wire());
        }
        List<String> added = after.components().stream()
                .filter(c -> !before.components().contains(c))
                .toList();
        if (!added.isEmpty()) {
            out.add("components added: " + String.join(", ", added));
        }
        List<String> removed = before.components().stream()
                .filter(c -> !after.components().contains(c))
                .toList();
        if (!removed.isEmpty()) {
            out.add("components no longer impacted: " + String.join(", ", removed));
        }
        List<String> regions = after.regions().stream()
                .filter(r -> !before.regions().contains(r))
                .toList();
        if (!regions.isEmpty()) {
            out.add("regions added: " + String.join(", ", regions));
        }
        if (!Objects.equals(before.assessment(), after.assessment()) && after.assessment() != null) {
            out.add("assessment: " + after.assessment());
        }
        if (!Objects.equals(before.title(), after.title())) {
            out.add("title: " + after.title());
        }
        return out;
    }

    static List<String> changes(Decision before, Decision after) {
        List<String> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        if (!before.rtoAtRisk() && after.rtoAtRisk()) {
            out.add("RTO at risk");
        }
        if (!Objects.equals(before.deadline(), after.deadline())) {
            out.add("deadline moved to " + after.deadline());
        }
        if (!Objects.equals(before.recommendation(), after.recommendation()) && after.recommendation() != null) {
            out.add("recommendation: " + after.recommendation());
        }
        return out;
    }

    private static String digest(String text) {
        return ContentHash.hex(12, text);
    }
}
