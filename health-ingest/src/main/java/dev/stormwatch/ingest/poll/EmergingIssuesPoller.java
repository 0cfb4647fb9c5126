package dev.stormwatch.ingest.poll;

import dev.stormwatch.ingest.normalize.EmergingIssuesNormalizer;
import dev.stormwatch.ingest.normalize.Sources;

/**
 * Polls Azure Service Health emerging issues, tenant-wide (no subscription): the earliest word of a widespread outage,
 * published as health events like any other source's.
 */
public final class EmergingIssuesPoller extends Poller {

    public static final String NAME = "emerging-issues";

    private final ResourceHealthApi api;

    public EmergingIssuesPoller(ResourceHealthApi api, PolledEvents events, PollRetry retry) {
        super(events, retry);
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void poll(Tally tally) {
        for (ResourceHealthApi.Page page = api.emergingIssues();
                page != null && !tally.stopRequested();
                page = page.nextLink() == null ? null : api.next(page.nextLink())) {
            tally.page(events.publish(
                    NAME,
                    "tenant",
                    Sources.EMERGING_ISSUES,
                    EmergingIssuesNormalizer.normalize(page.body(), Sources.EMERGING_ISSUES),
                    PolledEvents::byEventId));
        }
    }
}
