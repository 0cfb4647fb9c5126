package dev.stormwatch.status.readmodel;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.kafka.TopicFollower;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Rebuilds every read model from Kafka alone: one consumer without a group, assigned every partition of every topic the
 * views name, from the beginning. It records the end offsets present at start and reports caught up (readiness UP) once
 * it has read up to them; after that it keeps applying new records as they come. Each record goes to the views of its
 * topic, then to the change listeners (the live stream). The reading is a {@link TopicFollower} replay, not a Reactive
 * Messaging channel: every instance needs every partition, from the beginning, with no group, and the caught-up moment
 * is measured on consumer positions, which a channel does not expose.
 */
@Singleton
public class ReadModelReplay {

    private static final Logger LOG = Logger.getLogger(ReadModelReplay.class);

    private final KafkaSettings settings;
    private final List<TopicView> views;
    private final List<ChangeListener> listeners;
    private final Consumer<ReadModelCaughtUp> onCaughtUp;
    private final Counter consumed;
    private final Counter unreadable;

    private volatile TopicFollower follower;
    private long records;

    @Inject
    public ReadModelReplay(
            KafkaSettings settings,
            Instance<TopicView> views,
            Instance<ChangeListener> listeners,
            Event<ReadModelCaughtUp> caughtUpEvent,
            MeterRegistry registry) {
        this(settings, views.stream().toList(), listeners.stream().toList(), caughtUpEvent::fire, registry);
    }

    /** A replay outside CDI, e.g. to check that a fresh set of views rebuilds the same state from Kafka. */
    public ReadModelReplay(
            KafkaSettings settings,
            List<TopicView> views,
            List<ChangeListener> listeners,
            Consumer<ReadModelCaughtUp> onCaughtUp,
            MeterRegistry registry) {
        this.settings = settings;
        this.views = List.copyOf(views);
        this.listeners = List.copyOf(listeners);
        this.onCaughtUp = onCaughtUp;
        this.consumed = Counter.builder("stormwatch.status.records.consumed")
                .description("records applied to the read model")
                .register(registry);
        this.unreadable = Counter.builder("stormwatch.status.records.unreadable")
                .description("records that are not a CloudEvent or that a view could not apply; logged with their "
                        + "coordinates")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts reading on its own thread. */
    public void start() {
        follower = TopicFollower.replay(
                        "status-api-read-model",
                        settings.replayConsumer("status-api-read-model"),
                        topics(),
                        this::apply,
                        () -> {
                            LOG.infof("read model caught up with %s after %d records", topics(), records);
                            onCaughtUp.accept(new ReadModelCaughtUp(records));
                        })
                .start();
    }

    /** Stops reading and waits (up to 5 s) for the thread to end. */
    public void stop() {
        TopicFollower f = follower;
        if (f != null) {
            f.close();
        }
    }

    /** True once everything present in Kafka at start has been applied. */
    public boolean caughtUp() {
        TopicFollower f = follower;
        return f != null && f.caughtUp();
    }

    /** What the replay is doing, for the readiness check. */
    public String status() {
        TopicFollower f = follower;
        return f == null ? "not started" : f.status();
    }

    /** The topics the replay reads. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        views.forEach(v -> topics.addAll(v.topics()));
        return topics;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        records++;
        CloudEvent event = null;
        if (r.value() != null) {
            try {
                event = JsonCodec.fromJson(r.value(), CloudEvent.class);
            } catch (RuntimeException e) {
                unreadable.increment();
                LOG.warnf(
                        "skipping %s/%d/%d (key %s): not a CloudEvent: %s",
                        r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
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
                    LOG.warnf(
                            "%s could not apply %s (key %s, type %s): %s",
                            view.getClass().getSimpleName(),
                            record.coordinates(),
                            r.key(),
                            event == null ? "tombstone" : event.type(),
                            e.toString());
                }
            }
        }
        consumed.increment();
        for (ChangeListener listener : listeners) {
            try {
                listener.changed(record);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "change listener %s failed on %s: %s",
                        listener.getClass().getSimpleName(), record.coordinates(), e.toString());
            }
        }
    }
}
