package dev.stormwatch.status.readmodel;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.status.kafka.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Rebuilds every read model from Kafka alone: one consumer without a group, assigned every partition of every topic
 * the views name, from the beginning. It records the end offsets present at start and reports caught up (readiness
 * UP) once it has read up to them; after that it keeps applying new records as they come. Each record goes to the
 * views of its topic, then to the change listeners (the live stream).
 */
@Singleton
public class ReadModelReplay {

    private static final Logger LOG = Logger.getLogger(ReadModelReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaSettings settings;
    private final List<TopicView> views;
    private final List<ChangeListener> listeners;
    private final Consumer<ReadModelCaughtUp> onCaughtUp;
    private final Counter consumed;
    private final Counter unreadable;

    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile String status = "not started";
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public ReadModelReplay(KafkaSettings settings, Instance<TopicView> views, Instance<ChangeListener> listeners,
            Event<ReadModelCaughtUp> caughtUpEvent, MeterRegistry registry) {
        this(settings, views.stream().toList(), listeners.stream().toList(), caughtUpEvent::fire, registry);
    }

    /** A replay outside CDI, e.g. to check that a fresh set of views rebuilds the same state from Kafka. */
    public ReadModelReplay(KafkaSettings settings, List<TopicView> views, List<ChangeListener> listeners,
            Consumer<ReadModelCaughtUp> onCaughtUp, MeterRegistry registry) {
        this.settings = settings;
        this.views = List.copyOf(views);
        this.listeners = List.copyOf(listeners);
        this.onCaughtUp = onCaughtUp;
        this.consumed = Counter.builder("stormwatch.status.records.consumed").description("records applied to the read model")
                .register(registry);
        this.unreadable = Counter.builder("stormwatch.status.records.unreadable")
                .description("records that are not a CloudEvent or that a view could not apply; logged with their coordinates")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    /** Starts reading on its own thread. */
    public void start() {
        running = true;
        thread = new Thread(this::run, "status-api-read-model");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading and waits (up to 5 s) for the thread to end. */
    public void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** True once everything present in Kafka at start has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** What the replay is doing, for the readiness check. */
    public String status() {
        return status;
    }

    /** The topics the replay reads. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        views.forEach(v -> topics.addAll(v.topics()));
        return topics;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings.replayConsumer("status-api-read-model"))) {
                consumer = c;
                replay(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // A broker that went away: start over from the beginning; the views ignore what they already applied.
                status = "Kafka consumer failed, restarting: " + e.getMessage();
                LOG.warnf("read model consumer failed, restarting in 2 s: %s", e.toString());
                sleep(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    private void replay(KafkaConsumer<String, byte[]> c) {
        Set<String> topics = topics();
        List<TopicPartition> partitions = partitions(c, topics);
        if (partitions == null) {
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
        long records = 0;
        status = "catching up with " + topics;
        while (running) {
            ConsumerRecords<String, byte[]> batch = c.poll(POLL);
            for (ConsumerRecord<String, byte[]> r : batch) {
                apply(r);
                records++;
            }
            if (!caughtUp) {
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (end.isEmpty()) {
                    caughtUp = true;
                    status = "caught up after " + records + " records";
                    LOG.infof("read model caught up with %s after %d records", topics, records);
                    onCaughtUp.accept(new ReadModelCaughtUp(records));
                }
            }
        }
    }

    /** Every partition of every topic, or null when stopped while waiting for a topic to exist. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, Set<String> topics) {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = c.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            status = "waiting for topics " + missing + " to exist";
            LOG.warnf("read model waits for topics %s; create them (deploy/local does, from contracts' Topics.ALL)", missing);
            sleep(Duration.ofSeconds(2));
        }
        return null;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        CloudEvent event = null;
        if (r.value() != null) {
            try {
                event = JsonCodec.fromJson(r.value(), CloudEvent.class);
            } catch (RuntimeException e) {
                unreadable.increment();
                LOG.warnf("skipping %s/%d/%d (key %s): not a CloudEvent: %s", r.topic(), r.partition(), r.offset(), r.key(),
                        e.getMessage());
                return;
            }
        }
        ConsumedRecord record = new ConsumedRecord(r.topic(), r.partition(), r.offset(), r.key(), event, r.timestamp());
        // The CloudEvent id is the trace id: every log line about this record carries it.
        if (event != null) {
            MDC.put("eventId", event.id());
        }
        try {
            applyToViews(record, r, event);
        } finally {
            MDC.remove("eventId");
        }
    }

    private void applyToViews(ConsumedRecord record, ConsumerRecord<String, byte[]> r, CloudEvent event) {
        for (TopicView view : views) {
            if (view.topics().contains(r.topic())) {
                try {
                    view.apply(record);
                } catch (RuntimeException e) {
                    unreadable.increment();
                    LOG.warnf("%s could not apply %s (key %s, type %s): %s", view.getClass().getSimpleName(),
                            record.coordinates(), r.key(), event == null ? "tombstone" : event.type(), e.toString());
                }
            }
        }
        consumed.increment();
        for (ChangeListener listener : listeners) {
            try {
                listener.changed(record);
            } catch (RuntimeException e) {
                LOG.warnf("change listener %s failed on %s: %s", listener.getClass().getSimpleName(), record.coordinates(),
                        e.toString());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
