package dev.stormwatch.ingest.poll;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.ingest.normalize.AvailabilityStatusNormalizer;
import dev.stormwatch.ingest.normalize.ImpactedResourcesNormalizer;
import dev.stormwatch.ingest.normalize.ResourceHealthEventsNormalizer;
import dev.stormwatch.ingest.normalize.Sources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Polls Resource Health per subscription: service health events, then resource availability statuses, page by page. An
 * active service issue new to the cursors is completed with the subscription's resources it impacts (the
 * impacted-resources API): the most precise signal Azure gives of which of our components are hit. Maintenance is
 * judged planned, active or complete against the poll's clock.
 */
public final class ResourceHealthPoller extends Poller {

    public static final String NAME = "resource-health";
    private static final Logger LOG = Logger.getLogger(ResourceHealthPoller.class);

    private final ResourceHealthApi api;
    private final List<String> subscriptions;
    private final Clock clock;

    public ResourceHealthPoller(
            ResourceHealthApi api, List<String> subscriptions, PolledEvents events, PollRetry retry, Clock clock) {
        super(events, retry);
        this.api = api;
        this.subscriptions = List.copyOf(subscriptions);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void poll(Tally tally) {
        for (String subscription : subscriptions) {
            String sub = subscription.toLowerCase(Locale.ROOT);
            // One call per tracking id, however many service events it became.
            Map<String, List<String>> impacted = new HashMap<>();
            for (ResourceHealthApi.Page page = api.events(subscription); page != null; page = next(page, tally)) {
                if (tally.stopRequested()) {
                    return;
                }
                tally.page(events.publish(
                        NAME + "-events",
                        sub,
                        Sources.RESOURCE_HEALTH,
                        ResourceHealthEventsNormalizer.normalize(
                                page.body(), sub, Sources.RESOURCE_HEALTH, clock.instant()),
                        PolledEvents::byEventId,
                        e -> withImpactedResources(subscription, e, impacted)));
            }
            for (ResourceHealthApi.Page page = api.availabilityStatuses(subscription);
                    page != null;
                    page = next(page, tally)) {
                if (tally.stopRequested()) {
                    return;
                }
                tally.page(events.publish(
                        NAME + "-availability",
                        sub,
                        Sources.RESOURCE_HEALTH,
                        AvailabilityStatusNormalizer.normalize(page.body(), Sources.RESOURCE_HEALTH),
                        PolledEvents::byEventId));
            }
        }
    }

    /** An active service issue with the resource ids it impacts in {@code subscription}, every page of them. */
    private HealthEvent withImpactedResources(String subscription, HealthEvent e, Map<String, List<String>> fetched) {
        if (e.kind() != HealthEventKind.SERVICE_INCIDENT || e.stage() != HealthStage.ACTIVE || e.trackingId() == null) {
            return e;
        }
        Set<String> ids = new LinkedHashSet<>(e.resourceIds());
        ids.addAll(fetched.computeIfAbsent(e.trackingId(), trackingId -> impactedResources(subscription, trackingId)));
        return e.withScope(e.impacted(), new ArrayList<>(ids));
    }

    /**
     * Every page of an event's impacted resources. Refused for good (no right to read them, event unknown there): the
     * event is still published, by service and region; a throttled or failing API fails the poll, which is retried.
     */
    private List<String> impactedResources(String subscription, String trackingId) {
        List<String> all = new ArrayList<>();
        try {
            for (ResourceHealthApi.Page page = api.impactedResources(subscription, trackingId);
                    page != null;
                    page = page.nextLink() == null ? null : api.next(page.nextLink())) {
                all.addAll(ImpactedResourcesNormalizer.resourceIds(page.body()));
            }
        } catch (ApiException ex) {
            if (PollRetry.isTransient(ex)) {
                throw ex;
            }
            LOG.warnf(
                    "%s %s: impacted resources of %s not read, published without them: %s",
                    NAME, subscription, trackingId, ex.getMessage());
        }
        return all;
    }

    private ResourceHealthApi.Page next(ResourceHealthApi.Page page, Tally tally) {
        return page.nextLink() == null || tally.stopRequested() ? null : api.next(page.nextLink());
    }
}
