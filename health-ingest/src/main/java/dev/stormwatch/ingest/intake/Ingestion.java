package dev.stormwatch.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.ingest.normalize.Normalized;
import dev.stormwatch.ingest.normalize.PayloadException;
import dev.stormwatch.ingest.publish.DeadLetters;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.ingest.publish.PublishException;
import dev.stormwatch.ingest.publish.SeenIndex;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One payload from any intake, end to end: size limit, JSON, normalization, dead-lettering of what is refused or
 * unsupported, then publication of the new updates. Every path ends in published records, a DLQ record, or a 503 that
 * asks the sender to retry.
 */
public final class Ingestion {

    private static final Logger LOG = Logger.getLogger(Ingestion.class);

    private final HealthEventPublisher publisher;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final SeenIndex index;
    private final PayloadReader reader;
    private final int maxBodyBytes;
    private final String maxBodyKey;
    private final Duration indexWait;

    public Ingestion(
            HealthEventPublisher publisher,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            SeenIndex index,
            PayloadReader reader,
            int maxBodyBytes,
            String maxBodyKey,
            Duration indexWait) {
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.index = index;
        this.reader = reader;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBodyKey = maxBodyKey;
        this.indexWait = indexWait;
    }

    public PayloadReader reader() {
        return reader;
    }

    /**
     * A raw body from {@code source} at {@code endpoint} under the default cap, read as JSON and normalized by
     * {@code normalizer}.
     */
    public IngestResult ingest(
            String source, String endpoint, byte[] raw, String contentType, Function<JsonNode, Normalized> normalizer) {
        return HealthEventPublisher.await(
                ingestAsync(source, endpoint, raw, contentType, maxBodyBytes, maxBodyKey, normalizer));
    }

    /**
     * As above, under the cap {@code limit} that the setting {@code limitKey} gives this endpoint, and without holding
     * the caller's thread while Kafka answers: the payload is read, normalized and handed to the producer here; the
     * result completes when Kafka has acknowledged it, or with a 503 when it did not in time.
     */
    public CompletableFuture<IngestResult> ingestAsync(
            String source,
            String endpoint,
            byte[] raw,
            String contentType,
            int limit,
            String limitKey,
            Function<JsonNode, Normalized> normalizer) {
        byte[] body = raw == null ? new byte[0] : raw;
        // Every log line of this payload's handling says where it came from (JSON logs carry the MDC as fields).
        MDC.put("source", source);
        MDC.put("endpoint", endpoint);
        try {
            if (body.length > limit) {
                return done(reject(
                        413,
                        source,
                        endpoint,
                        "body of " + body.length + " bytes exceeds the limit of " + limit + " bytes for " + endpoint
                                + " (" + limitKey + ")",
                        contentType,
                        body));
            }
            Normalized normalized;
            try {
                normalized = normalizer.apply(reader.read(body));
            } catch (PayloadException e) {
                return done(reject(400, source, endpoint, e.getMessage(), contentType, body));
            } catch (RuntimeException e) {
                // A shape no normalizer foresaw: the sender gets a message, the operator the stack trace and the raw
                // body.
                LOG.errorf(e, "unexpected failure normalizing a %s payload", source);
                return done(reject(
                        400,
                        source,
                        endpoint,
                        "payload could not be read: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                        contentType,
                        body));
            }
            return publishAsync(source, endpoint, normalized, contentType, body)
                    .exceptionally(failure -> unavailable(source, endpoint, failure));
        } catch (PublishException e) {
            return done(unavailable(source, endpoint, e));
        } finally {
            MDC.remove("source");
            MDC.remove("endpoint");
        }
    }

    /** Already-normalized events (pollers, Event Hubs): unsupported parts go to the DLQ with {@code raw}. */
    public IngestResult publish(String source, String endpoint, Normalized normalized, String contentType, byte[] raw) {
        return HealthEventPublisher.await(publishAsync(source, endpoint, normalized, contentType, raw));
    }

    private CompletableFuture<IngestResult> publishAsync(
            String source, String endpoint, Normalized normalized, String contentType, byte[] raw) {
        String deadLetterId = null;
        if (!normalized.unsupported().isEmpty()) {
            deadLetterId =
                    deadLetters.send(source, endpoint, String.join("; ", normalized.unsupported()), contentType, raw);
            metrics.count(source, IngestMetrics.Outcome.UNSUPPORTED, 1);
        }
        if (normalized.events().isEmpty()) {
            return done(IngestResult.published(List.of(), normalized.unsupported(), deadLetterId));
        }
        awaitIndex();
        String dlq = deadLetterId;
        return publisher
                .publishAsync(source, normalized.events())
                .thenApply(outcomes -> IngestResult.published(outcomes, normalized.unsupported(), dlq));
    }

    /** A 503 for a payload Kafka did not store; anything but a {@link PublishException} is not ours to answer. */
    private static IngestResult unavailable(String source, String endpoint, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof PublishException)) {
            throw failure instanceof CompletionException c ? c : new CompletionException(cause);
        }
        // Said in the message: this may run on Kafka's thread, where the payload's MDC is not set.
        LOG.warnf("%s %s: %s", source, endpoint, cause.getMessage());
        return IngestResult.failed(
                503, "health-ingest could not store the payload, retry later: " + cause.getMessage(), null);
    }

    private static CompletableFuture<IngestResult> done(IngestResult result) {
        return CompletableFuture.completedFuture(result);
    }

    private void awaitIndex() {
        try {
            if (!index.awaitLoaded(indexWait)) {
                throw new PublishException("still reading health-events.v1 to rebuild the dedup index", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for the dedup index", e);
        }
    }

    /**
     * A payload a poller could not read: to the DLQ with the reason, counted as rejected; returns the DLQ record id.
     */
    public String deadLetter(String source, String endpoint, String reason, String contentType, byte[] body) {
        LOG.warnf("%s %s: dead-lettered: %s", source, endpoint, reason);
        String id = deadLetters.send(source, endpoint, reason, contentType, body);
        metrics.count(source, IngestMetrics.Outcome.REJECTED, 1);
        return id;
    }

    private IngestResult reject(
            int status, String source, String endpoint, String reason, String contentType, byte[] body) {
        String id = deadLetters.send(source, endpoint, reason, contentType, body);
        metrics.count(source, IngestMetrics.Outcome.REJECTED, 1);
        return IngestResult.failed(status, reason, id);
    }
}
