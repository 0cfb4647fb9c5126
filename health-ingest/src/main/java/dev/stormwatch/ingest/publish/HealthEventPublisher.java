package dev.stormwatch.ingest.publish;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes health events to {@code health-events.v1} (key {@link HealthEvent#key()}, value a CloudEvent of type
 * {@link EventTypes#HEALTH_EVENT} from {@code /stormwatch/health-ingest/<source>}) through an idempotent acks=all
 * producer, once per update: the {@link SeenIndex} turns repeated and older updates away before they are sent. Returns
 * only once Kafka acknowledged every new record, so a 202 means stored.
 */
public final class HealthEventPublisher {

    public static final String SOURCE_PREFIX = "/stormwatch/health-ingest/";

    /** What became of one event. */
    public record Outcome(String id, String key, SeenIndex.Verdict verdict) {
    }

    private final Producer<String, byte[]> producer;
    private final SeenIndex index;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Duration timeout;

    public HealthEventPublisher(Producer<String, byte[]> producer, SeenIndex index, IngestMetrics metrics, Clock clock, Duration timeout) {
        this.producer = producer;
        this.index = index;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
    }

    public static CloudEvent envelope(HealthEvent e, String id, Clock clock) {
        return JsonCodec.envelope(id, EventTypes.HEALTH_EVENT, SOURCE_PREFIX + e.source(), e.key(),
                e.lastUpdate() != null ? e.lastUpdate() : clock.instant(), false, e);
    }

    /** Publishes the new ones among {@code events}; {@code intake} names the source for the metrics. */
    public List<Outcome> publish(String intake, List<HealthEvent> events) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<Outcome> sent = new ArrayList<>();
        for (HealthEvent e : events) {
            String id = EventIds.of(e);
            String key = e.key();
            SeenIndex.Verdict verdict = index.admit(key, id, e.lastUpdate());
            Outcome outcome = new Outcome(id, key, verdict);
            outcomes.add(outcome);
            if (verdict == SeenIndex.Verdict.NEW) {
                try {
                    sends.add(producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), key,
                            JsonCodec.toBytes(envelope(e, id, clock)))));
                    sent.add(outcome);
                } catch (RuntimeException ex) {
                    index.forget(key, id);
                    forgetAll(sent);
                    throw new PublishException("could not send to " + Topics.HEALTH_EVENTS.name() + ": " + ex.getMessage(), ex);
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        PublishException failure = null;
        int acknowledged = 0;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException ex) {
                Outcome o = sent.get(i);
                index.forget(o.key(), o.id());
                failure = new PublishException("Kafka did not acknowledge " + Topics.HEALTH_EVENTS.name() + " within "
                        + timeout.toSeconds() + " s: " + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                forgetAll(sent.subList(i, sent.size()));
                throw new PublishException("interrupted while waiting for Kafka", ex);
            }
        }
        metrics.count(intake, IngestMetrics.Outcome.ACCEPTED, acknowledged);
        if (failure != null) {
            throw failure;
        }
        metrics.count(intake, IngestMetrics.Outcome.DUPLICATE, count(outcomes, SeenIndex.Verdict.DUPLICATE));
        metrics.count(intake, IngestMetrics.Outcome.STALE, count(outcomes, SeenIndex.Verdict.STALE));
        return outcomes;
    }

    private void forgetAll(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            index.forget(o.key(), o.id());
        }
    }

    static int count(List<Outcome> outcomes, SeenIndex.Verdict verdict) {
        return (int) outcomes.stream().filter(o -> o.verdict() == verdict).count();
    }
}
