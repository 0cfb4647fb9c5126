package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.page.Ack;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An acknowledgement stops the current run of a page when it names a page of that run; anything else is ignored, with
 * the reason in the audit trail. The acknowledgement that stopped the page, seen again, changes nothing and says
 * nothing more: it was applied once already (ahead of its turn in the stream, or replayed).
 */
final class PageAcks {

    private PageAcks() {}

    static PageOutcome onAck(PageState page, Ack ack, Instant now) {
        return onAck(page, ack, "");
    }

    /**
     * An acknowledgement recorded before the page's next level came due but not yet through the stream: applied in
     * place of that level, so that nobody is paged after someone acknowledged.
     */
    static PageOutcome onRecordedAck(PageState page, Ack ack, Instant now) {
        return onAck(
                page,
                ack,
                " (recorded before the next level was due at " + page.nextAt() + "; applied ahead of its turn in the"
                        + " stream)");
    }

    private static PageOutcome onAck(PageState page, Ack ack, String how) {
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
                                    + page.pass() + how)));
        }
        if (page.status() == PageStatus.ACKNOWLEDGED && ack.equals(page.ack())) {
            return PageOutcome.unchanged(page);
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
}
