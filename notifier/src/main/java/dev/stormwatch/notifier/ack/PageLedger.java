package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every page this notifier has sent and every acknowledgement, read from {@code notifications.v1} and {@code acks.v1}
 * from the beginning (committed records only) on every instance. It answers "does this page exist?" and "is it
 * acknowledged already?" for the acknowledge link and the internal API, whichever instance a request reaches, and it
 * is rebuilt from Kafka after a restart: a link used before a restart is still refused after it.
 */
public final class PageLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PageLedger.class);

    private final Map<String, PageEntry> pages = new ConcurrentHashMap<>();
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    /** What the ledger knows of a page: the latest delivery attempt's facts and who it reached. */
    public record PageEntry(String pageId, String platformId, String subjectId, String kind, int level, Set<String> contacts,
            Set<String> reached, Instant firstAt, boolean drill) {
    }

    public PageLedger(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifier-page-ledger");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "notifier-page-ledger");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once everything on the two topics at start-up has been read. */
    public boolean ready() {
        return caughtUp;
    }

    public Optional<PageEntry> page(String pageId) {
        return Optional.ofNullable(pages.get(pageId));
    }

    public Optional<Ack> ack(String pageId) {
        return Optional.ofNullable(acks.get(pageId));
    }

    /** Records an acknowledgement this instance just wrote, before it comes back from Kafka. */
    public Ack recordLocal(Ack ack) {
        Ack first = acks.putIfAbsent(ack.pageId(), ack);
        return first == null ? ack : first;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.NOTIFICATIONS.name(), Topics.ACKS.name())) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (!caughtUp) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        caughtUp = true;
                        LOG.infof("page ledger caught up: %d pages, %d acknowledgements", pages.size(), acks.size());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("page ledger stopped: acknowledgements are refused until the notifier restarts", e);
            caughtUp = false;
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.value() == null) {
            return;
        }
        try {
            CloudEvent event = JsonCodec.fromJson(r.value(), CloudEvent.class);
            if (EventTypes.NOTIFICATION.equals(event.type())) {
                Notification n = JsonCodec.data(event, Notification.class);
                pages.compute(n.pageId(), (id, old) -> merge(old, n));
            } else if (EventTypes.ACK.equals(event.type())) {
                Ack a = JsonCodec.data(event, Ack.class);
                acks.putIfAbsent(a.pageId(), a);
            }
        } catch (RuntimeException e) {
            LOG.debugf("record %s-%d@%d is not a notification or ack: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
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
        return new PageEntry(n.pageId(), n.platformId(), n.subjectId(), n.kind(), n.level(), contacts, reached, n.at(),
                n.drill());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
