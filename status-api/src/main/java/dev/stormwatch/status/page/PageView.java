package dev.stormwatch.status.page;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.retention.RetainedIndex;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pages from the notifier's delivery attempts ({@code notifications.v1}) and acknowledgements ({@code acks.v1}), both
 * keyed by page id. De-duplicated on the CloudEvent id; the first acknowledgement of a page counts. Bounded: a page, an
 * acknowledgement and an id seen are kept for the topics' retention after their last record, and the least recently
 * written leave first beyond a count.
 */
@Singleton
public class PageView implements TopicView {

    /** Pages held at most, by default. */
    public static final int DEFAULT_MAX_PAGES = 200_000;

    // Past the retention a record is gone from notifications.v1 and acks.v1, so no copy of it can be read again.
    private final RetainedIndex<String, Page> pages;
    private final RetainedIndex<String, Page.Acknowledgement> acks;
    private final RetainedIndex<String, Boolean> seen;

    /** With the defaults: notifications.v1's retention and {@link #DEFAULT_MAX_PAGES}. */
    public PageView() {
        this(Topics.NOTIFICATIONS.retention(), DEFAULT_MAX_PAGES, Clock.systemUTC());
    }

    @Inject
    public PageView(StatusApiConfig config, Clock clock) {
        this(
                config.pages().retention().orElse(Topics.NOTIFICATIONS.retention()),
                config.pages().maxPages(),
                clock);
    }

    public PageView(Duration retention, int maxPages, Clock clock) {
        pages = new RetainedIndex<>(retention, maxPages, clock);
        acks = new RetainedIndex<>(retention, maxPages, clock);
        // Attempts and acknowledgements: a few per page.
        seen = new RetainedIndex<>(retention, maxPages * 8, clock);
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.NOTIFICATIONS.name(), Topics.ACKS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        Instant at = record.writtenAt();
        if (record.isTombstone() || seen.putIfAbsent(record.event().id(), Boolean.TRUE, at) != null) {
            return;
        }
        String type = record.event().type();
        if (EventTypes.NOTIFICATION.equals(type)) {
            attempt(JsonCodec.data(record.event(), Notification.class), at);
        } else if (EventTypes.ACK.equals(type)) {
            ack(JsonCodec.data(record.event(), Ack.class), at);
        }
    }

    private void attempt(Notification n, Instant at) {
        Page.Attempt attempt = new Page.Attempt(
                n.contactId(),
                n.channel(),
                n.target(),
                n.attempt(),
                n.result() == null ? null : n.result().wire(),
                n.error(),
                n.at());
        pages.compute(
                n.pageId(),
                (id, old) -> {
                    List<Page.Attempt> attempts = new ArrayList<>(old == null ? List.of() : old.attempts());
                    attempts.add(attempt);
                    attempts.sort(
                            Comparator.comparing(Page.Attempt::at, Comparator.nullsLast(Comparator.naturalOrder())));
                    Set<String> delivered = new LinkedHashSet<>(old == null ? List.of() : old.delivered());
                    if (n.result() == DeliveryResult.DELIVERED) {
                        delivered.add(n.contactId());
                    }
                    return new Page(
                            id,
                            n.platformId(),
                            n.subjectId(),
                            n.kind(),
                            n.level(),
                            n.drill(),
                            attempts.get(0).at(),
                            attempts.get(attempts.size() - 1).at(),
                            List.copyOf(delivered),
                            List.copyOf(attempts),
                            acks.get(id));
                },
                at);
    }

    private void ack(Ack a, Instant at) {
        Page.Acknowledgement ack = new Page.Acknowledgement(a.by(), a.contactId(), a.via(), a.at());
        Page.Acknowledgement first = acks.compute(
                a.pageId(),
                (id, old) -> old == null
                                || ack.at() != null
                                        && old.at() != null
                                        && ack.at().isBefore(old.at())
                        ? ack
                        : old,
                at);
        // An ack read before any attempt of its page (two topics, no order between them) is kept as a page of its own.
        pages.compute(
                a.pageId(),
                (id, p) -> p == null
                        ? new Page(
                                a.pageId(),
                                null,
                                a.subjectId(),
                                null,
                                0,
                                false,
                                null,
                                null,
                                List.of(),
                                List.of(),
                                first)
                        : new Page(
                                p.pageId(),
                                p.platformId(),
                                p.subjectId(),
                                p.kind(),
                                p.level(),
                                p.drill(),
                                p.firstAttemptAt(),
                                p.lastAttemptAt(),
                                p.delivered(),
                                p.attempts(),
                                first),
                at);
    }

    public Optional<Page> page(String pageId) {
        return pages.find(pageId);
    }

    public Collection<Page> all() {
        return pages.values();
    }

    public int size() {
        return pages.size();
    }
}
