package dev.stormwatch.ingest.poll;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.normalize.Normalized;
import dev.stormwatch.ingest.publish.EventIds;
import dev.stormwatch.ingest.publish.PublishException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every poller does with a page of normalized events: drops those its cursors already hold, publishes the rest
 * (the seen-index still refuses a duplicate published before a crash could save the cursor), then saves the cursors.
 * Cursors move only after Kafka acknowledged the events, so a stop at any point loses nothing.
 */
public final class PolledEvents {

    private static final Logger LOG = Logger.getLogger(PolledEvents.class);

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

    /** Publishes the new events of one page; returns how many were new to the cursors. */
    public int publish(String poller, String scope, String source, Normalized page, Function<HealthEvent, String> fingerprint) {
        if (!page.unsupported().isEmpty()) {
            // Polled collections hold things that are not health signals (overviews without issues): noted, not dead-lettered.
            LOG.debugf("%s %s: not ingested: %s", poller, scope, page.unsupported());
        }
        List<HealthEvent> fresh = new ArrayList<>();
        java.util.Map<String, PollCursors.PollCursor> moved = new java.util.LinkedHashMap<>();
        for (HealthEvent e : page.events()) {
            String print = fingerprint.apply(e);
            if (cursors.isNew(poller, scope, e.key(), e.lastUpdate(), print)) {
                fresh.add(e);
                moved.put(e.key(), cursors.advanced(moved.get(e.key()), poller, scope, e.key(), e.lastUpdate(), print));
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        IngestResult result = ingestion.publish(source, poller + ":" + scope, Normalized.of(fresh), "application/json", new byte[0]);
        if (result.status() >= 500) {
            throw new PublishException(result.message(), null);
        }
        cursors.save(new ArrayList<>(moved.values()));
        return fresh.size();
    }
}
