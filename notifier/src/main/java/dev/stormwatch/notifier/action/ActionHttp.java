package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP requests of automated steps: every URL passes the destination policy first (a catalog must not point the
 * notifier at internal services), redirects are never followed (they could lead past that check), and each request is
 * bounded by a timeout. Unlike the paging channels it returns the answer's body: GitHub and Azure DevOps say there
 * which run they started.
 */
final class ActionHttp {

    /**
     * What came back. {@code status} 0 when no answer arrived; {@code retryable} when asking again may help (no answer,
     * 408, 425, 429, 5xx, a name that did not resolve yet).
     */
    record Answer(int status, String body, String error, boolean retryable) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String summary() {
            if (status == 0) {
                return error;
            }
            String b = body == null ? "" : body.strip();
            return "HTTP " + status + (b.isEmpty() ? "" : ": " + (b.length() > 300 ? b.substring(0, 300) + "…" : b));
        }
    }

    private final HttpClient client;
    private final DestinationPolicy destinations;
    private final Duration timeout;

    ActionHttp(DestinationPolicy destinations, Duration timeout) {
        this.destinations = destinations;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer post(String url, String body, Map<String, String> headers) {
        return send(url, headers, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), "POST");
    }

    Answer get(String url, Map<String, String> headers) {
        return send(url, headers, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    private Answer send(String url, Map<String, String> headers, HttpRequest.BodyPublisher body, String method) {
        DestinationPolicy.Verdict verdict = destinations.check(url);
        if (!verdict.allowed()) {
            return new Answer(0, null, "destination refused: " + verdict.reason(), verdict.retryable());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .method(method, body)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            return new Answer(s, r.body(), null, s == 408 || s == 425 || s == 429 || s >= 500);
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, "timed out after " + timeout, true);
        } catch (IOException e) {
            return new Answer(0, null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted", true);
        }
    }
}
