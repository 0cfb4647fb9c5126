package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.delivery.Sending;
import dev.stormwatch.notifier.page.AuditEntry;
import dev.stormwatch.notifier.page.MessageItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * What the escalation writes besides its stores: every delivery attempt per page item on {@code notifications.v1} (the
 * page ledger and status-api read them by page id), and the evidence on {@code audit.v1}. A message is one audit record
 * per attempt (per subject it carries, so that the trail of each incident or decision stays whole), not one per item it
 * folds. Everything goes out in the same transaction as the store update that records it.
 */
final class EvidenceTrail {

    private static final Logger LOG = Logger.getLogger(EvidenceTrail.class);
    private static final String SOURCE = "/stormwatch/notifier";
    private static final String ACTOR = "notifier";

    private final ProcessorContext<String, Output> context;

    EvidenceTrail(ProcessorContext<String, Output> context) {
        this.context = context;
    }

    /** What the page lifecycle decided, one record per entry. */
    void audit(String platformId, List<AuditEntry> entries, boolean drill, Instant now) {
        for (AuditEntry e : entries) {
            AuditRecord record = new AuditRecord(platformId, now, ACTOR, e.action(), e.subjectId(), e.detail(), drill);
            String id = "audit/" + e.action() + "/" + e.subjectId() + "/"
                    + Integer.toHexString(e.detail().hashCode()) + "/" + now.toEpochMilli();
            writeAudit(platformId == null ? "unknown" : platformId, id, e.subjectId(), drill, record, now);
        }
    }

    /**
     * A held item is visible at once: a SKIPPED notification and a page-held audit record saying until when and why.
     */
    void held(MessageItem item, Instant now) {
        String id = "notification/held/" + item.id();
        writeNotification(id, item, "none", null, 0, DeliveryResult.SKIPPED, item.held(), now);
        String detail = describe(List.of(item), true) + " to " + item.contactId() + " " + item.held() + " ("
                + item.heldUntil() + ")";
        AuditRecord audit =
                new AuditRecord(item.platformId(), now, ACTOR, "page-held", item.subjectId(), detail, item.drill());
        writeAudit(item.platformId(), "audit/" + id, item.subjectId(), item.drill(), audit, now);
        try (LogContext log = LogContext.of().with("pageId", item.pageId()).with("incidentId", item.subjectId())) {
            LOG.info(detail);
        }
    }

    /** One attempt of one message: a notification per item, one audit record per subject of the message. */
    void attempt(Sending s, String channelType, String target, ChannelResult result, Instant at) {
        DeliveryResult outcome = result.delivered() ? DeliveryResult.DELIVERED : DeliveryResult.FAILED;
        String error = result.delivered() ? null : result.detail();
        String attemptId = "/c" + s.channelIndex() + "/a" + s.attempt();
        for (MessageItem item : s.items()) {
            String id = "notification/" + s.deliveryId() + "/" + item.id() + attemptId;
            writeNotification(id, item, channelType, target, s.attempt(), outcome, error, at);
        }
        String how = " via " + channelType + (target == null ? "" : " " + target) + ", attempt " + s.attempt() + ": "
                + (result.delivered() ? "delivered (" + result.detail() + ")" : "failed: " + result.detail())
                + (s.items().size() > 1
                        ? " (one message folding " + s.items().size() + " items, delivery " + s.deliveryId() + ")"
                        : "");
        String action = result.delivered() ? "page-delivered" : "page-delivery-failed";
        bySubject(s.items()).forEach((subject, items) -> {
            MessageItem first = items.get(0);
            String detail = describe(items, true) + " to " + first.contactId() + how;
            if (result.delivered()) {
                LOG.debug(detail);
            } else {
                LOG.info(detail);
            }
            AuditRecord audit = new AuditRecord(first.platformId(), at, ACTOR, action, subject, detail, first.drill());
            String id = "audit/notification/" + s.deliveryId() + "/" + subject + attemptId;
            writeAudit(first.platformId(), id, subject, first.drill(), audit, at);
        });
    }

    /** Every channel of the contact failed (or none is left): one record per subject of the message. */
    void undeliverable(Sending s, String why, Instant now) {
        bySubject(s.items()).forEach((subject, items) -> {
            MessageItem first = items.get(0);
            String detail = describe(items, false) + " could not reach " + first.contactId() + ": " + why;
            AuditRecord audit = new AuditRecord(
                    first.platformId(), now, ACTOR, "page-undeliverable", subject, detail, first.drill());
            String id = "audit/undeliverable/" + s.deliveryId() + "/" + subject + "/c" + s.channelIndex();
            writeAudit(first.platformId(), id, subject, first.drill(), audit, now);
        });
    }

    /** A catalog the destination check refused, from its marker in the global store. */
    void catalogRefused(CloudEvent marker, Instant now) {
        String platform = marker.data().path("platformId").asText();
        String detail = "catalog event " + marker.id() + " for " + platform + " refused: "
                + marker.data().path("reason").asText() + ". The last accepted catalog stays in use.";
        LOG.warn(detail);
        AuditRecord record = new AuditRecord(platform, now, ACTOR, "catalog-refused", marker.id(), detail, false);
        writeAudit(platform, "audit/catalog-refused/" + marker.id(), marker.id(), false, record, now);
    }

    private static Map<String, List<MessageItem>> bySubject(List<MessageItem> items) {
        return items.stream()
                .collect(Collectors.groupingBy(MessageItem::subjectId, LinkedHashMap::new, Collectors.toList()));
    }

    /** The items of a message in words: "incident-opened level 1 page inc-1.l1.r0, incident-updated page …". */
    private static String describe(List<MessageItem> items, boolean withLevel) {
        return items.stream()
                .map(i -> i.kind().wire() + (withLevel && i.level() > 0 ? " level " + i.level() : "") + " page "
                        + i.pageId())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private void writeNotification(
            String id,
            MessageItem item,
            String channelType,
            String target,
            int attempt,
            DeliveryResult result,
            String error,
            Instant at) {
        Notification n = new Notification(
                item.pageId(),
                item.platformId(),
                item.subjectId(),
                item.kind().wire(),
                item.level(),
                item.contactId(),
                channelType,
                target,
                attempt,
                result,
                error,
                at,
                item.drill());
        Envelope<Notification> ce = Envelope.of(id, Events.NOTIFICATION, SOURCE, item.pageId(), at, item.drill(), n);
        context.forward(new Record<>(item.pageId(), new Output(Topics.NOTIFICATIONS.name(), ce), at.toEpochMilli()));
    }

    private void writeAudit(String key, String id, String subject, boolean drill, AuditRecord record, Instant at) {
        Envelope<AuditRecord> ce = Envelope.of(id, Events.AUDIT, SOURCE, subject, at, drill, record);
        context.forward(new Record<>(key, new Output(Topics.AUDIT.name(), ce), at.toEpochMilli()));
    }
}
