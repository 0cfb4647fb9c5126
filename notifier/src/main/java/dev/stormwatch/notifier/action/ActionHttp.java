package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.outbound.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP requests of automated steps, through the same {@link OutboundHttp} sender as the paging webhooks: the URL
 * passes the notifier's destination policy (a catalog must not point the notifier at internal services), the connection
 * goes to the very address that was checked, redirects are never followed, and each request is bounded by the sender's
 * timeout. Unlike the paging channels it returns the answer's body: GitHub and Azure DevOps say there which run they
 * started and how it is going. Each request waits for its answer: the runner makes one call at a time.
 */
final class ActionHttp {

    /** Enough for a GitHub or Azure DevOps run object; a longer answer is cut (and then read as not finished yet). */
    static final int BODY_LIMIT = 256 * 1024;

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

    private final OutboundHttp http;

    ActionHttp(OutboundHttp http) {
        this.http = http;
    }

    Answer post(String url, String body, Map<String, String> headers) {
        return send(url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String url, Map<String, String> headers) {
        return send(url, headers, null);
    }

    private Answer send(String url, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Answer(0, null, "destination refused: not a URL", false);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json");
        all.putAll(headers);
        try {
            OutboundHttp.Answer a = body == null ? http.getAndWait(uri, all) : http.postAndWait(uri, all, body);
            int s = a.status();
            return new Answer(s, a.body(), null, s == 408 || s == 425 || s == 429 || s >= 500);
        } catch (OutboundHttp.RefusedDestination e) {
            return new Answer(0, null, "destination refused: " + e.getMessage(), e.retryable());
        } catch (IOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException) {
                return new Answer(0, null, "timed out", true);
            }
            return new Answer(0, null, e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted", true);
        }
    }
}
