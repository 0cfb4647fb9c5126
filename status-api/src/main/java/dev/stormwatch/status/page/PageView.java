package dev.stormwatch.status.page;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pages from the notifier's delivery attempts ({@code notifications.v1}) and acknowledgements ({@code acks.v1}),
 * both keyed by page id. De-duplicated on the CloudEvent id; the first acknowledgement of a page counts.
 */
@Singleton
public class PageView implements TopicView {

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, Page.Acknowledgement> acks = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.NOTIFICATIONS.name(), Topics.ACKS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone() || !seen.add(record.event().id())) {
            return;
        }
        String type = record.event().type();
        if (EventTypes.NOTIFICATION.equals(type)) {
            attempt(JsonCodec.data(record.event(), Notification.class));
        } else if (EventTypes.ACK.equals(type)) {
            ack(JsonCodec.data(record.event(), Ack.class));
        }
    }

    private void attempt(Notification n) {
        Page.Attempt attempt = new Page.Attempt(n.contactId(), n.channel(), n.target(), n.attempt(),
                n.result() == null ? null : n.result().wire(), n.error(), n.at());
        pages.compute(n.pageId(), (id, old) -> {
            List<Page.Attempt> attempts = new ArrayList<>(old == null ? List.of() : old.attempts());
            attempts.add(attempt);
            attempts.sort(Comparator.comparing(Page.Attempt::at, Comparator.nullsLast(Comparator.naturalOrder())));
            Set<String> delivered = new LinkedHashSet<>(old == null ? List.of() : old.delivered());
            if (n.result() == DeliveryResult.DELIVERED) {
                delivered.add(n.contactId());
            }
            return new Page(id, n.platformId(), n.subjectId(), n.kind(), n.level(), n.drill(),
                    attempts.get(0).at(), attempts.get(attempts.size() - 1).at(), List.copyOf(delivered),
                    List.copyOf(attempts), acks.get(id));
        });
    }

    private void ack(Ack a) {
        Page.Acknowledgement ack = new Page.Acknowledgement(a.by(), a.contactId(), a.via(), a.at());
        Page.Acknowledgement first = acks.merge(a.pageId(), ack,
                (old, now) -> now.at() != null && old.at() != null && now.at().isBefore(old.at()) ? now : old);
        pages.computeIfPresent(a.pageId(), (id, p) -> new Page(p.pageId(), p.platformId(), p.subjectId(), p.kind(),
                p.level(), p.drill(), p.firstAttemptAt(), p.lastAttemptAt(), p.delivered(), p.attempts(), first));
        if (!pages.containsKey(a.pageId())) {
            // An ack read before any attempt of its page (two topics, no order between them): keep it as a page of its own.
            pages.putIfAbsent(a.pageId(), new Page(a.pageId(), null, a.subjectId(), null, 0, false, null, null, List.of(),
                    List.of(), first));
        }
    }

    public Optional<Page> page(String pageId) {
        return Optional.ofNullable(pages.get(pageId));
    }

    public Collection<Page> all() {
        return pages.values();
    }
}
