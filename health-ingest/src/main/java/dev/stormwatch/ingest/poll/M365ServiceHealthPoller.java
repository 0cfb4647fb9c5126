package dev.stormwatch.ingest.poll;

import com.azure.core.http.HttpPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.ingest.normalize.GraphServiceHealthNormalizer;
import dev.stormwatch.ingest.normalize.Sources;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Polls Microsoft 365 service health issues (Power BI by default) from Microsoft Graph service communications,
 * following {@code @odata.nextLink} on the configured Graph host only.
 */
public final class M365ServiceHealthPoller extends Poller {

    public static final String NAME = "m365";

    private final HttpPipeline pipeline;
    private final String graphEndpoint;
    private final List<String> services;
    private final Clock clock;

    public M365ServiceHealthPoller(
            HttpPipeline pipeline,
            String graphEndpoint,
            List<String> services,
            PolledEvents events,
            PollRetry retry,
            Clock clock) {
        super(events, retry);
        this.pipeline = pipeline;
        this.graphEndpoint =
                graphEndpoint.endsWith("/") ? graphEndpoint.substring(0, graphEndpoint.length() - 1) : graphEndpoint;
        this.services = List.copyOf(services);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    String firstPage() {
        String filter = services.stream()
                .map(s -> "service eq '" + s.replace("'", "''") + "'")
                .collect(Collectors.joining(" or "));
        return graphEndpoint + "/v1.0/admin/serviceAnnouncement/issues?$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    protected void poll(Tally tally) {
        String url = firstPage();
        while (url != null && !tally.stopRequested()) {
            JsonNode page = RestResourceHealthApi.JsonHttp.get(pipeline, url, clock);
            tally.page(events.publish(
                    NAME,
                    "issues",
                    Sources.M365,
                    GraphServiceHealthNormalizer.normalize(page, Sources.M365),
                    PolledEvents::byEventId));
            JsonNode next = page.path("@odata.nextLink");
            url = next.isTextual() && !next.asText().isBlank()
                    ? PageLinks.onConfiguredHost(graphEndpoint, next.asText())
                    : null;
        }
    }
}
