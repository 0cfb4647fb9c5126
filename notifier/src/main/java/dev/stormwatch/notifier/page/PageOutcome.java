package dev.stormwatch.notifier.page;

import java.util.List;

/**
 * The result of one step of a page's lifecycle: its next state ({@code null} removes it), the messages to queue and
 * what to write to the audit trail.
 */
public record PageOutcome(PageState state, boolean changed, List<MessageItem> messages, List<AuditEntry> audits) {

    public PageOutcome {
        messages = List.copyOf(messages);
        audits = List.copyOf(audits);
    }

    static PageOutcome unchanged(PageState state) {
        return new PageOutcome(state, false, List.of(), List.of());
    }

    static PageOutcome unchanged(PageState state, AuditEntry audit) {
        return new PageOutcome(state, false, List.of(), List.of(audit));
    }
}
