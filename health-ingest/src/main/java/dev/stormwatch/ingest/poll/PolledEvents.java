package dev.stormwatch.ingest.poll;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.normalize.Normalized;
import dev.stormwatch.ingest.publish.EventIds;
import dev.stormwatch.ingest.publish.PublishException;
import dev.stormwatch.ingest.publish.SeenIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * What every poller does with a page of normalized events: drops those its cursors already hold, publishes the rest
 * (the seen-index still refuses a duplicate published before a crash could save the cursor), then saves the cursors.
 * Cursors are kept per fact (tracking id, service, subscription) and move only after Kafka acknowledged the events, so
 * a stop at any point loses nothing.
 */
public final class PolledEvents {

    private static final Logger LOG = Logger.getLogger(PolledEvents.class);

    /**
     * One page's outcome: events read; new to the cursors; of those stored, duplicate, stale; dead-lettered payloads.
     * {@code duplicates} counts both what the cursors and what the seen-index already held.
     */
    public record PageCount(int read, int fresh, int accepted, int duplicates, int stale, int deadLettered) {}

    private final Ingestion ingestion;
    private final PollCursors cursors;

    public PolledEvents(Ingestion ingestion, PollCursors cursors) {
        this.ingestion = ingestion;
        this.cursors = cursors;
    }

    /** Fingerprint of a version for APIs with their own update time: the event id. */
    public static String byEventId(HealthEvent e) {
        return EventIds.of(e);
    }

    /** Publishes the new events of one page. */
    public PageCount publish(
            String poller, String scope, String source, Normalized page, Function<HealthEvent, String> fingerprint) {
        return publish(poller, scope, source, page, fingerprint, UnaryOperator.identity());
    }

    /**
     * Publishes the new events of one page, each completed by {@code complete} first (a further call to the provider is
     * made only for events not seen before).
     */
    public PageCount publish(
            String poller,
            String scope,
            String source,
            Normalized page,
            Function<HealthEvent, String> fingerprint,
            UnaryOperator<HealthEvent> complete) {
        if (!page.unsupported().isEmpty()) {
            // Polled collections hold things that are not health signals (overviews without issues): noted, not
            // dead-lettered.
            LOG.debugf("%s %s: not ingested: %s", poller, scope, page.unsupported());
        }
        List<HealthEvent> fresh = new ArrayList<>();
        Map<String, PollCursors.PollCursor> moved = new LinkedHashMap<>();
        for (HealthEvent e : page.events()) {
            String print = fingerprint.apply(e);
            String fact = SeenIndex.fact(e);
            if (cursors.isNew(poller, scope, fact, e.lastUpdate(), print)) {
                fresh.add(complete.apply(e));
                moved.put(fact, cursors.advanced(moved.get(fact), poller, scope, fact, e.lastUpdate(), print));
            }
        }
        int known = page.events().size() - fresh.size();
        if (fresh.isEmpty()) {
            return new PageCount(page.events().size(), 0, 0, known, 0, 0);
        }
        IngestResult result =
                ingestion.publish(source, poller + ":" + scope, Normalized.of(fresh), "application/json", new byte[0]);
        if (result.status() >= 500) {
            throw new PublishException(result.message(), null);
        }
        cursors.save(new ArrayList<>(moved.values()));
        return new PageCount(
                page.events().size(),
                fresh.size(),
                nz(result.accepted()),
                known + nz(result.duplicate()),
                nz(result.stale()),
                0);
    }

    /** A page that could not be read goes to the DLQ with the reason and the raw body; returns the DLQ record id. */
    public String deadLetter(
            String poller, String scope, String source, String reason, String contentType, byte[] raw) {
        return ingestion.deadLetter(source, poller + ":" + scope, reason, contentType, raw);
    }

    private static int nz(Integer n) {
        return n == null ? 0 : n;
    }
}
