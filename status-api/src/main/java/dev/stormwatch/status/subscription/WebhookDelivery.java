package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * One delivery attempt of a CloudEvent to a subscriber's webhook, in CloudEvents structured mode
 * ({@code Content-Type: application/cloudevents+json}, the body is the CloudEvent as it is on Kafka), signed.
 * The result says whether it arrived and, if not, why.
 */
final class WebhookDelivery {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final HttpClient http;
    private final Duration timeout;

    WebhookDelivery(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Outcome of one attempt: delivered (2xx) or the error to retry on. */
    record Result(boolean delivered, String error) {
    }

    Result post(URI url, String subscriptionId, String eventId, int attempt, byte[] body, String secret) throws InterruptedException {
        // The receiver's wall clock judges the timestamp (replay window), so it is the real time, not a test clock.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .header("X-Stormwatch-Subscription", subscriptionId)
                .header("X-Stormwatch-Delivery-Attempt", Integer.toString(attempt))
                .header("User-Agent", "stormwatch-status-api")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? new Result(true, null)
                    : new Result(false, "HTTP " + status + " from " + hostOf(url) + " for event " + eventId);
        } catch (HttpTimeoutException e) {
            return new Result(false, "no answer from " + hostOf(url) + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Result(false, "cannot reach " + hostOf(url) + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Errors name the host, not the full URL: a webhook URL can carry a token in its path or query. */
    private static String hostOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
