package dev.stormwatch.ingest.poll;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.ingest.normalize.ResourceGraphNormalizer;
import dev.stormwatch.ingest.normalize.Sources;
import java.time.Clock;
import java.util.List;

/**
 * Queries Azure Resource Graph for many subscriptions at once (up to 1 000 per request): ServiceHealthResources events
 * and HealthResources availability statuses and annotations, following {@code $skipToken} pages.
 */
public final class ResourceGraphPoller extends Poller {

    public static final String NAME = "resource-graph";
    static final String EVENTS = "ServiceHealthResources | where type =~ 'microsoft.resourcehealth/events' "
            + "| project id, name, type, subscriptionId, properties";
    static final String AVAILABILITY =
            "HealthResources | where type =~ 'microsoft.resourcehealth/availabilitystatuses' "
                    + "or type =~ 'microsoft.resourcehealth/resourceannotations' | project id, name, type, "
                    + "subscriptionId, properties";
    private static final int SUBSCRIPTIONS_PER_QUERY = 1000;

    private final ResourceGraphManager manager;
    private final List<String> subscriptions;
    private final Clock clock;

    public ResourceGraphPoller(
            ResourceGraphManager manager,
            List<String> subscriptions,
            PolledEvents events,
            PollRetry retry,
            Clock clock) {
        super(events, retry);
        this.manager = manager;
        this.subscriptions = List.copyOf(subscriptions);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void poll(Tally tally) {
        for (int from = 0; from < subscriptions.size(); from += SUBSCRIPTIONS_PER_QUERY) {
            List<String> batch =
                    subscriptions.subList(from, Math.min(subscriptions.size(), from + SUBSCRIPTIONS_PER_QUERY));
            for (String query : List.of(EVENTS, AVAILABILITY)) {
                String skipToken = null;
                do {
                    if (tally.stopRequested()) {
                        return;
                    }
                    QueryResponse response = query(batch, query, skipToken);
                    JsonNode rows = JsonCodec.tree(response.data() == null ? List.of() : response.data());
                    tally.page(events.publish(
                            NAME,
                            "tenant",
                            Sources.RESOURCE_GRAPH,
                            ResourceGraphNormalizer.normalize(rows, Sources.RESOURCE_GRAPH),
                            PolledEvents::byEventId));
                    skipToken = response.skipToken();
                } while (skipToken != null && !skipToken.isBlank());
            }
        }
    }

    private QueryResponse query(List<String> batch, String query, String skipToken) {
        try {
            return manager.resourceProviders()
                    .resources(new QueryRequest()
                            .withSubscriptions(batch)
                            .withQuery(query)
                            .withOptions(new QueryRequestOptions()
                                    .withResultFormat(ResultFormat.OBJECT_ARRAY)
                                    .withSkipToken(skipToken)));
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String retryAfter =
                    e.getResponse() == null ? null : e.getResponse().getHeaderValue(HttpHeaderName.RETRY_AFTER);
            throw new ApiException(
                    status,
                    ApiException.retryAfter(retryAfter, clock),
                    "Resource Graph answered " + status + ": " + e.getMessage());
        }
    }
}
