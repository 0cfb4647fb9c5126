package dev.stormwatch.ingest.poll;

import dev.stormwatch.ingest.normalize.PayloadException;
import dev.stormwatch.ingest.publish.PublishException;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poller's run loop: one {@link #runOnce()} at a time, skipped while backing off, stoppable between pages. Subclasses
 * read their API page by page and hand each page to {@link PolledEvents}.
 */
public abstract class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    protected final PolledEvents events;
    private final PollBackoff backoff;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    protected Poller(PolledEvents events, PollBackoff backoff) {
        this.events = events;
        this.backoff = backoff;
    }

    public abstract String name();

    /** Reads the API and publishes; returns pages and events counted into {@code tally}. */
    protected abstract void poll(Tally tally);

    /** Counts what a run did and tells the subclass when to stop between pages. */
    protected final class Tally {
        int pages;
        int published;

        public void page(int newEvents) {
            pages++;
            published += newEvents;
        }

        public boolean stopRequested() {
            return stop.get();
        }
    }

    public final PollReport runOnce() {
        if (!backoff.due()) {
            return new PollReport(name(), 0, 0, false, "backing off until " + backoff.notBefore());
        }
        if (!running.compareAndSet(false, true)) {
            return new PollReport(name(), 0, 0, false, "already running");
        }
        Tally tally = new Tally();
        try {
            poll(tally);
            backoff.succeeded();
            return new PollReport(name(), tally.pages, tally.published, tally.stopRequested(), null);
        } catch (ApiException e) {
            var until = backoff.failed(e.retryAfter());
            LOG.warnf("%s: %s; next attempt not before %s", name(), e.getMessage(), until);
            return new PollReport(name(), tally.pages, tally.published, false, e.getMessage());
        } catch (PublishException | PayloadException e) {
            var until = backoff.failed(null);
            LOG.warnf("%s: %s; next attempt not before %s", name(), e.getMessage(), until);
            return new PollReport(name(), tally.pages, tally.published, false, e.getMessage());
        } finally {
            running.set(false);
        }
    }

    /** Asks a running poll to stop after the page it is on; the next {@link #runOnce()} clears it. */
    public final void stop() {
        stop.set(true);
    }

    public final void resume() {
        stop.set(false);
    }
}
