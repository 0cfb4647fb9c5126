package dev.stormwatch.ingest.poll;

import dev.stormwatch.ingest.normalize.PayloadException;
import dev.stormwatch.ingest.publish.PublishException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A poller's run loop: one {@link #runOnce()} at a time, retried with back-off by {@link PollRetry} when the provider
 * or Kafka fails it, stoppable between pages. Subclasses read their API page by page and hand each page to
 * {@link PolledEvents}; every run says at INFO what it did.
 */
public abstract class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    protected final PolledEvents events;
    private final PollRetry retry;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    protected Poller(PolledEvents events, PollRetry retry) {
        this.events = events;
        this.retry = retry;
    }

    public abstract String name();

    /** Reads the API and publishes; counts pages and outcomes into {@code tally}. */
    protected abstract void poll(Tally tally);

    /** Counts what a run did and tells the subclass when to stop between pages. */
    protected final class Tally {
        int pages;
        int read;
        int published;
        int accepted;
        int duplicates;
        int stale;
        int deadLettered;

        public void page(PolledEvents.PageCount count) {
            pages++;
            read += count.read();
            published += count.fresh();
            accepted += count.accepted();
            duplicates += count.duplicates();
            stale += count.stale();
            deadLettered += count.deadLettered();
        }

        void reset() {
            pages = 0;
            read = 0;
            published = 0;
            accepted = 0;
            duplicates = 0;
            stale = 0;
            deadLettered = 0;
        }

        /** A payload of this run that went to the DLQ instead of being published. */
        public void deadLettered() {
            deadLettered++;
        }

        public boolean stopRequested() {
            return stop.get();
        }
    }

    public final PollReport runOnce() {
        if (!running.compareAndSet(false, true)) {
            return new PollReport(name(), 0, 0, 0, 0, 0, 0, false, "already running");
        }
        Tally tally = new Tally();
        try {
            // Each attempt counts afresh: pages an attempt published are duplicates to the next (cursors moved).
            retry.run(
                    () -> {
                        tally.reset();
                        poll(tally);
                        return Boolean.TRUE;
                    },
                    Boolean.class);
            PollReport report = report(tally, tally.stopRequested(), null);
            LOG.infof(
                    "%s: %d pages, %d events read: %d new, %d duplicate, %d stale; %d dead-lettered%s",
                    name(),
                    tally.pages,
                    tally.read,
                    tally.accepted,
                    tally.duplicates,
                    tally.stale,
                    tally.deadLettered,
                    report.stopped() ? " (stopped)" : "");
            return report;
        } catch (ApiException | PublishException | PayloadException e) {
            LOG.warnf(
                    "%s: %s; %d pages, %d new, %d duplicate, %d stale, %d dead-lettered before it",
                    name(),
                    e.getMessage(),
                    tally.pages,
                    tally.accepted,
                    tally.duplicates,
                    tally.stale,
                    tally.deadLettered);
            return report(tally, false, e.getMessage());
        } finally {
            running.set(false);
        }
    }

    private PollReport report(Tally t, boolean stopped, String failure) {
        return new PollReport(
                name(), t.pages, t.published, t.accepted, t.duplicates, t.stale, t.deadLettered, stopped, failure);
    }

    /** Asks a running poll to stop after the page it is on; the next {@link #runOnce()} clears it. */
    public final void stop() {
        stop.set(true);
    }

    public final void resume() {
        stop.set(false);
    }
}
