package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.kafka.TopicFollower;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.retention.RetainedIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Every page this notifier has sent and every acknowledgement, read from {@code notifications.v1} and {@code acks.v1}
 * from the beginning (committed records only) on every instance. It answers "does this page exist?" and "is it
 * acknowledged already?" for the acknowledge link and the internal API, whichever instance a request reaches, and it is
 * rebuilt from Kafka after a restart: a link used before a restart is still refused after it. The reading is a
 * {@link TopicFollower} replay, not a Reactive Messaging channel: every instance needs every partition from the
 * beginning, without a group, and readiness waits for the ends found at start, which a channel cannot report.
 *
 * <p>Bounded: a page or an acknowledgement is kept for the topics' retention from its last record, and at most
 * {@code maxPages} of each are held, the least recently written forgotten first.
 */
public final class PageLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PageLedger.class);

    /** Pages and acknowledgements held at most, by default. */
    public static final int DEFAULT_MAX_PAGES = 200_000;

    // A page or acknowledgement past the retention is gone from notifications.v1 and acks.v1 too, so a restarted
    // ledger would not know it either, and every link to it expired long before (links last a day by default).
    private final RetainedIndex<String, PageEntry> pages;
    private final RetainedIndex<String, Ack> acks;
    private final TopicFollower follower;

    /** What the ledger knows of a page: the latest delivery attempt's facts and who it reached. */
    public record PageEntry(
            String pageId,
            String platformId,
            String subjectId,
            String kind,
            int level,
            Set<String> contacts,
            Set<String> reached,
            Instant firstAt,
            boolean drill) {}

    /** With the defaults: notifications.v1's retention and {@link #DEFAULT_MAX_PAGES}. */
    public PageLedger(Map<String, Object> connection) {
        this(connection, Topics.NOTIFICATIONS.retention(), DEFAULT_MAX_PAGES, Clock.systemUTC());
    }

    /** @param connection the Kafka connection settings ({@link dev.stormwatch.contracts.kafka.KafkaConnection}) */
    public PageLedger(Map<String, Object> connection, Duration retention, int maxPages, Clock clock) {
        pages = new RetainedIndex<>(retention, maxPages, clock);
        acks = new RetainedIndex<>(retention, maxPages, clock);
        follower = TopicFollower.replay(
                "notifier-page-ledger",
                connection,
                List.of(Topics.NOTIFICATIONS.name(), Topics.ACKS.name()),
                this::apply,
                () -> LOG.infof("page ledger caught up: %d pages, %d acknowledgements", pages.size(), acks.size()));
    }

    public void start() {
        follower.start();
    }

    /** True once everything on the two topics at start-up has been read. */
    public boolean ready() {
        return follower.caughtUp();
    }

    public Optional<PageEntry> page(String pageId) {
        return pages.find(pageId);
    }

    public Optional<Ack> ack(String pageId) {
        return acks.find(pageId);
    }

    /** Records an acknowledgement this instance just wrote, before it comes back from Kafka. */
    public Ack recordLocal(Ack ack) {
        Ack first = acks.putIfAbsent(ack.pageId(), ack, null);
        return first == null ? ack : first;
    }

    /** Pages held, then acknowledgements held. */
    public int pages() {
        return pages.size();
    }

    public int acks() {
        return acks.size();
    }

    void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        Instant at = r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp());
        try {
            CloudEvent event = JsonCodec.fromJson(r.value(), CloudEvent.class);
            if (EventTypes.NOTIFICATION.equals(event.type())) {
                Notification n = JsonCodec.data(event, Notification.class);
                pages.compute(n.pageId(), (id, old) -> merge(old, n), at);
            } else if (EventTypes.ACK.equals(event.type())) {
                Ack a = JsonCodec.data(event, Ack.class);
                acks.putIfAbsent(a.pageId(), a, at);
            }
        } catch (RuntimeException e) {
            LOG.debugf(
                    "record %s-%d@%d is not a notification or ack: %s",
                    r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private static PageEntry merge(PageEntry old, Notification n) {
        Set<String> contacts = old == null ? ConcurrentHashMap.newKeySet() : old.contacts();
        Set<String> reached = old == null ? ConcurrentHashMap.newKeySet() : old.reached();
        contacts.add(n.contactId());
        if (n.result() == DeliveryResult.DELIVERED) {
            reached.add(n.contactId());
        }
        if (old != null) {
            return old;
        }
        return new PageEntry(
                n.pageId(), n.platformId(), n.subjectId(), n.kind(), n.level(), contacts, reached, n.at(), n.drill());
    }

    @Override
    public void close() {
        follower.close();
    }
}
