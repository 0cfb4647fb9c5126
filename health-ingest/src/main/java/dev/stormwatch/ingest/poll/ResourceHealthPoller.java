package dev.stormwatch.ingest.poll;

import dev.stormwatch.ingest.normalize.AvailabilityStatusNormalizer;
import dev.stormwatch.ingest.normalize.ResourceHealthEventsNormalizer;
import dev.stormwatch.ingest.normalize.Sources;

import java.util.List;

/** Polls Resource Health per subscription: service health events, then resource availability statuses, page by page. */
public final class ResourceHealthPoller extends Poller {

    public static final String NAME = "resource-health";

    private final ResourceHealthApi api;
    private final List<String> subscriptions;

    public ResourceHealthPoller(ResourceHealthApi api, List<String> subscriptions, PolledEvents events, PollBackoff backoff) {
        super(events, backoff);
        this.api = api;
        this.subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void poll(Tally tally) {
        for (String subscription : subscriptions) {
            String sub = subscription.toLowerCase(java.util.Locale.ROOT);
            for (ResourceHealthApi.Page page = api.events(subscription); page != null; page = next(page, tally)) {
                if (tally.stopRequested()) {
                    return;
                }
                tally.page(events.publish(NAME + "-events", sub, Sources.RESOURCE_HEALTH,
                        ResourceHealthEventsNormalizer.normalize(page.body(), sub, Sources.RESOURCE_HEALTH), PolledEvents::byEventId));
            }
            for (ResourceHealthApi.Page page = api.availabilityStatuses(subscription); page != null; page = next(page, tally)) {
                if (tally.stopRequested()) {
                    return;
                }
                tally.page(events.publish(NAME + "-availability", sub, Sources.RESOURCE_HEALTH,
                        AvailabilityStatusNormalizer.normalize(page.body(), Sources.RESOURCE_HEALTH), PolledEvents::byEventId));
            }
        }
    }

    private ResourceHealthApi.Page next(ResourceHealthApi.Page page, Tally tally) {
        return page.nextLink() == null || tally.stopRequested() ? null : api.next(page.nextLink());
    }
}
