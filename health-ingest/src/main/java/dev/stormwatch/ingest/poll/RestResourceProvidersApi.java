package dev.stormwatch.ingest.poll;

import com.azure.core.http.HttpPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** {@link ResourceProvidersApi} over the REST API (api-version 2021-04-01) through an azure-core pipeline. */
public final class RestResourceProvidersApi implements ResourceProvidersApi {

    static final String API_VERSION = "2021-04-01";

    private final HttpPipeline pipeline;
    private final String endpoint;
    private final Clock clock;

    public RestResourceProvidersApi(HttpPipeline pipeline, String endpoint, Clock clock) {
        this.pipeline = pipeline;
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.clock = clock;
    }

    @Override
    public ResourceHealthApi.Page providers(String subscriptionId) {
        return get(endpoint + "/subscriptions/" + URLEncoder.encode(subscriptionId, StandardCharsets.UTF_8)
                + "/providers?api-version=" + API_VERSION);
    }

    @Override
    public ResourceHealthApi.Page next(String nextLink) {
        return get(PageLinks.onConfiguredHost(endpoint, nextLink));
    }

    private ResourceHealthApi.Page get(String url) {
        JsonNode body = RestResourceHealthApi.JsonHttp.get(pipeline, url, clock);
        JsonNode next = body.path("nextLink");
        return new ResourceHealthApi.Page(
                body, next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }
}
