package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Downstream;
import dev.stormwatch.contracts.handover.Handover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One message to the downstream consumers of a recovered component, once per handover. */
final class HandoverNotices {

    private final PolicyRun run;

    HandoverNotices(PolicyRun run) {
        this.run = run;
    }

    /** Tells the downstream consumers of a recovered component; {@code marker} is the handover seen before, if any. */
    PageOutcome onHandover(PageState marker, Handover handover, boolean drill, Catalog catalog, Instant now) {
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
        b.purgeAt = now.plus(run.closedRetention());
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
}
