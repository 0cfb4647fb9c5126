package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A DR decision's page: open while the decision is open, remind everyone paged when its reminders grow or its deadline,
 * risk or recommendation change, close when it is no longer open (a {@code decision-taken} record closes it too).
 */
final class DecisionPages {

    private final PolicyRun run;

    DecisionPages(PolicyRun run) {
        this.run = run;
    }

    /**
     * @param taken true for a {@code decision-taken} record from status-api: its state is the person's choice, its
     *     version the one they saw, so it closes the page without a newer version
     */
    PageOutcome onDecision(
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
        String fingerprint = SubjectChanges.fingerprint(decision);

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
                run.close(b, now);
                return new PageOutcome(b.build(), true, out, audits);
            }
            return run.open(b, catalog, now, out, audits, List.of());
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
            run.close(b, now);
            if (page.status() != PageStatus.WAITING_FOR_CATALOG) {
                String how =
                        decision.state().wire() + (decision.decidedBy() == null ? "" : " by " + decision.decidedBy());
                Brief brief = brief(decision, catalog, page).withChanges(List.of("decision " + how));
                run.tellEveryonePaged(
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
        List<String> changes = SubjectChanges.changes(previous, decision);
        if (decision.remindersSent() > page.reminders()) {
            b.reminders = decision.remindersSent();
            changes.add(0, "reminder " + decision.remindersSent());
        }
        if (changes.isEmpty()) {
            return new PageOutcome(b.build(), true, out, audits);
        }
        Brief brief = brief(decision, catalog, page).withChanges(changes);
        run.tellEveryonePaged(
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
                String.join("; ", changes) + ": told "
                        + PolicyRun.distinctContacts(page).size() + " people"));
        return new PageOutcome(b.build(), true, out, audits);
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
}
