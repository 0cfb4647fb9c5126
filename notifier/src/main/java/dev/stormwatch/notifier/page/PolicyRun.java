package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.EscalationLevel;
import dev.stormwatch.contracts.catalog.EscalationPolicy;
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
import java.util.Optional;

/**
 * A run of a page's escalation policy: level 1 at once, level N+1 when level N's {@code after} passes without an
 * acknowledgement, the whole policy {@code repeat} more times, then {@code escalation-exhausted}. Also what every
 * subject shares once people were paged: telling everyone paged so far, holding planned maintenance for working hours,
 * closing.
 */
final class PolicyRun {

    /** The policy used when neither the components nor the platform name one: the DR lead, once. */
    static final String DR_LEAD_POLICY = "platform-dr-lead";

    private static final int MAX_STEPS_PER_TIMER = 1000;

    private final String decisionPolicy;
    private final Duration closedRetention;

    PolicyRun(String decisionPolicy, Duration closedRetention) {
        this.decisionPolicy = decisionPolicy;
        this.closedRetention = closedRetention;
    }

    Duration closedRetention() {
        return closedRetention;
    }

    /** Pages whatever is due at {@code now}; opens a page that was waiting for its catalog; purges old closed pages. */
    PageOutcome onTimer(PageState page, Catalog catalog, Instant now) {
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

    PageOutcome open(
            PageState.Builder b,
            Catalog catalog,
            Instant now,
            List<MessageItem> out,
            List<AuditEntry> audits,
            List<String> alsoPage) {
        return open(b, catalog, now, out, audits, alsoPage, List.of());
    }

    PageOutcome open(
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
        if (level == 1 && b.kind == SubjectKind.DECISION) {
            for (Recipient r : StepEscalationPoint.recipients(b.decision, catalog, now)) {
                recipients.putIfAbsent(r.contactId(), r);
            }
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

    void tellEveryonePaged(
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
    static Optional<WorkingTime.Hold> hold(
            SubjectKind kind, boolean maintenance, Catalog catalog, String contactId, Instant now) {
        if (kind != SubjectKind.INCIDENT || !maintenance || catalog == null) {
            return Optional.empty();
        }
        return WorkingTime.holdFor(catalog, contactId, now);
    }

    void close(PageState.Builder b, Instant now) {
        b.status = PageStatus.CLOSED;
        b.nextAt = null;
        b.purgeAt = now.plus(closedRetention);
    }

    static List<String> distinctContacts(PageState page) {
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
}
