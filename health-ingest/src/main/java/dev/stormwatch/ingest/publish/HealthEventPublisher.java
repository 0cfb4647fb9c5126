package dev.stormwatch.ingest.publish;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.retention.RetainedIndex;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes health events to {@code health-events.v1} (key {@link HealthEvent#key()}, value a CloudEvent of type
 * {@link EventTypes#HEALTH_EVENT} from {@code /stormwatch/health-ingest/<source>}) through an idempotent acks=all
 * producer, once per update: the {@link SeenIndex} turns repeated and older updates away before they are sent. The
 * result completes only once Kafka acknowledged every new record, so a 202 means stored.
 */
public final class HealthEventPublisher {

    public static final String SOURCE_PREFIX = "/stormwatch/health-ingest/";
    /** How long a refused send is remembered by default. */
    public static final Duration DEFAULT_FAILED_RETENTION = Duration.ofHours(1);
    /** Refused sends remembered at most by default. */
    public static final int DEFAULT_MAX_FAILED = 10_000;

    /** What became of one event. */
    public record Outcome(String id, String key, SeenIndex.Verdict verdict) {}

    private final Producer<String, byte[]> producer;
    private final SeenIndex index;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Duration timeout;
    /** Sends not yet answered by Kafka, by event id: a retried copy waits for them rather than sending again. */
    private final Map<String, CompletableFuture<RecordMetadata>> inFlight = new ConcurrentHashMap<>();
    /**
     * Sends Kafka refused, kept for a while for the next copy. One that comes after a marker left is decided by the
     * index alone, which forgot the failed update, so it is sent again: the marker only saves a wait, and is bounded.
     */
    private final RetainedIndex<String, CompletableFuture<RecordMetadata>> failed;

    private final Object[] claims = new Object[64];

    public HealthEventPublisher(
            Producer<String, byte[]> producer, SeenIndex index, IngestMetrics metrics, Clock clock, Duration timeout) {
        this(producer, index, metrics, clock, timeout, DEFAULT_FAILED_RETENTION, DEFAULT_MAX_FAILED);
    }

    public HealthEventPublisher(
            Producer<String, byte[]> producer,
            SeenIndex index,
            IngestMetrics metrics,
            Clock clock,
            Duration timeout,
            Duration failedRetention,
            int maxFailed) {
        this.failed = new RetainedIndex<>(failedRetention, maxFailed, clock);
        this.producer = producer;
        this.index = index;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
        for (int i = 0; i < claims.length; i++) {
            claims[i] = new Object();
        }
    }

    /** The record on health-events.v1, serialised straight from the event. */
    public static Envelope<HealthEvent> envelope(HealthEvent e, String id, Clock clock) {
        return Envelope.of(
                id,
                Events.HEALTH_EVENT,
                SOURCE_PREFIX + e.source(),
                e.key(),
                e.lastUpdate() != null ? e.lastUpdate() : clock.instant(),
                false,
                e);
    }

    /**
     * Publishes the new ones among {@code events}; {@code intake} names the source for the metrics. A copy of an update
     * whose earlier send is still on its way to Kafka (its request answered 503 after the timeout, the producer still
     * trying) waits for that send: stored, it is a duplicate; failed, the request is refused so that the retry sends it
     * again. So a retry after a 503 neither stores an update twice nor takes one for stored that was lost.
     */
    public List<Outcome> publish(String intake, List<HealthEvent> events) {
        return await(publishAsync(intake, events));
    }

    /**
     * As {@link #publish}, without holding the caller's thread while Kafka answers: the result completes once every new
     * record is acknowledged, or with a {@link PublishException} once {@code timeout} has passed without.
     */
    public CompletableFuture<List<Outcome>> publishAsync(String intake, List<HealthEvent> events) {
        failed.evict();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> earlier = new ArrayList<>();
        for (HealthEvent e : events) {
            String id = EventIds.of(e);
            String key = e.key();
            String fact = SeenIndex.fact(e);
            CompletableFuture<RecordMetadata> mine = new CompletableFuture<>();
            CompletableFuture<RecordMetadata> prior;
            SeenIndex.Verdict verdict;
            // Admitting and claiming the id in one step: a concurrent copy sees either this send or none.
            synchronized (claims[Math.floorMod(id.hashCode(), claims.length)]) {
                prior = inFlight.get(id);
                if (prior == null) {
                    prior = failed.get(id);
                }
                verdict = index.admit(fact, id, e.lastUpdate());
                if (verdict == SeenIndex.Verdict.NEW) {
                    inFlight.put(id, mine);
                    failed.remove(id);
                } else if (prior != null && prior.isCompletedExceptionally()) {
                    failed.remove(id); // failed here, yet seen: another instance stored it
                    inFlight.remove(id, prior);
                    prior = null;
                }
            }
            outcomes.add(new Outcome(id, key, verdict));
            if (verdict == SeenIndex.Verdict.NEW) {
                sends.add(send(key, fact, id, e, mine));
            } else if (verdict == SeenIndex.Verdict.DUPLICATE && prior != null) {
                earlier.add(prior);
            }
        }
        List<CompletableFuture<RecordMetadata>> awaited = new ArrayList<>(sends);
        awaited.addAll(earlier);
        return CompletableFuture.allOf(awaited.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> done)
                .completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(answered -> {
                    int acknowledged = acknowledged(sends);
                    metrics.count(intake, IngestMetrics.Outcome.ACCEPTED, acknowledged);
                    if (acknowledged < sends.size()) {
                        throw new PublishException(
                                "Kafka did not acknowledge " + (sends.size() - acknowledged) + " of " + sends.size()
                                        + " events on " + Topics.HEALTH_EVENTS.name() + " within "
                                        + timeout.toSeconds() + " s",
                                null);
                    }
                    if (acknowledged(earlier) < earlier.size()) {
                        throw new PublishException(
                                "an earlier copy of " + earlier.size() + " of these events is not (yet) stored on "
                                        + Topics.HEALTH_EVENTS.name(),
                                null);
                    }
                    metrics.count(
                            intake, IngestMetrics.Outcome.DUPLICATE, count(outcomes, SeenIndex.Verdict.DUPLICATE));
                    metrics.count(intake, IngestMetrics.Outcome.STALE, count(outcomes, SeenIndex.Verdict.STALE));
                    return outcomes;
                });
    }

    /** The value of {@code result} once complete, a {@link PublishException} it failed with thrown as itself. */
    public static <T> T await(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Sends one admitted update. Only Kafka's final answer decides its fate: a failure un-admits it (so a retry sends
     * it again), a request that stops waiting does not — the producer may still store it.
     */
    private CompletableFuture<RecordMetadata> send(
            String key, String fact, String id, HealthEvent e, CompletableFuture<RecordMetadata> stored) {
        try {
            producer.send(
                    new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), key, JsonCodec.toBytes(envelope(e, id, clock))),
                    (metadata, failure) -> {
                        if (failure != null) {
                            // Kept as failed for the next copy (for a while): one waiting meanwhile is refused, its
                            // retry sends again.
                            index.forget(fact, id);
                            stored.completeExceptionally(failure);
                            markFailed(id, stored);
                        } else {
                            stored.complete(metadata);
                            inFlight.remove(id, stored);
                        }
                    });
        } catch (RuntimeException ex) {
            index.forget(fact, id);
            stored.completeExceptionally(ex);
            markFailed(id, stored);
            throw new PublishException("could not send to " + Topics.HEALTH_EVENTS.name() + ": " + ex.getMessage(), ex);
        }
        return stored;
    }

    private void markFailed(String id, CompletableFuture<RecordMetadata> stored) {
        failed.put(id, stored, null);
        inFlight.remove(id, stored);
    }

    /** Sends awaiting Kafka's answer and refused sends remembered, for tests and metrics. */
    public int inFlight() {
        return inFlight.size();
    }

    public int failedMarkers() {
        return failed.size();
    }

    /** How many of {@code sends} Kafka has acknowledged so far. */
    private static int acknowledged(List<CompletableFuture<RecordMetadata>> sends) {
        return (int) sends.stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .count();
    }

    static int count(List<Outcome> outcomes, SeenIndex.Verdict verdict) {
        return (int) outcomes.stream().filter(o -> o.verdict() == verdict).count();
    }
}
