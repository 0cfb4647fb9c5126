package dev.stormwatch.ingest.poll;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@link ResourceHealthApi} over the REST API (api-version 2025-05-01) through an azure-core pipeline. */
public final class RestResourceHealthApi implements ResourceHealthApi {

    static final String API_VERSION = "2025-05-01";
    private static final DateTimeFormatter QUERY_START =
            DateTimeFormatter.ofPattern("M/d/yyyy").withZone(ZoneOffset.UTC);

    private final HttpPipeline pipeline;
    private final String endpoint;
    private final Duration lookback;
    private final Clock clock;

    public RestResourceHealthApi(HttpPipeline pipeline, String endpoint, Duration lookback, Clock clock) {
        this.pipeline = pipeline;
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.lookback = lookback;
        this.clock = clock;
    }

    @Override
    public Page events(String subscriptionId) {
        return get(endpoint + "/subscriptions/" + encode(subscriptionId)
                + "/providers/Microsoft.ResourceHealth/events?api-version=" + API_VERSION + "&queryStartTime="
                + encode(QUERY_START.format(clock.instant().minus(lookback))));
    }

    @Override
    public Page availabilityStatuses(String subscriptionId) {
        return get(endpoint + "/subscriptions/" + encode(subscriptionId)
                + "/providers/Microsoft.ResourceHealth/availabilityStatuses?api-version=" + API_VERSION);
    }

    @Override
    public Page impactedResources(String subscriptionId, String trackingId) {
        return get(endpoint + "/subscriptions/" + encode(subscriptionId) + "/providers/Microsoft.ResourceHealth/events/"
                + encode(trackingId) + "/impactedResources?api-version=" + API_VERSION);
    }

    @Override
    public Page emergingIssues() {
        return get(endpoint + "/providers/Microsoft.ResourceHealth/emergingIssues?api-version=" + API_VERSION);
    }

    @Override
    public Page next(String nextLink) {
        return get(PageLinks.onConfiguredHost(endpoint, nextLink));
    }

    private Page get(String url) {
        JsonNode body = JsonHttp.get(pipeline, url, clock);
        JsonNode next = body.path("nextLink");
        return new Page(body, next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GET through a pipeline, as JSON; errors become {@link ApiException}. */
    static final class JsonHttp {

        private JsonHttp() {}

        static JsonNode get(HttpPipeline pipeline, String url, Clock clock) {
            byte[] body = bytes(pipeline, url, clock, "application/json");
            try {
                return JsonCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new ApiException(
                        200, null, "GET " + url + " answered with a body that is not JSON: " + e.getMessage());
            }
        }

        static byte[] bytes(HttpPipeline pipeline, String url, Clock clock, String accept) {
            HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.ACCEPT, accept);
            try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                byte[] body = response.getBodyAsBinaryData() == null
                        ? new byte[0]
                        : response.getBodyAsBinaryData().toBytes();
                if (response.getStatusCode() / 100 != 2) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    throw new ApiException(
                            response.getStatusCode(),
                            ApiException.retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER), clock),
                            "GET " + url + " answered " + response.getStatusCode() + ": "
                                    + (text.length() > 300 ? text.substring(0, 300) : text));
                }
                return body;
            }
        }
    }
}
