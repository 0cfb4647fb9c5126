package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One delivery attempt of a CloudEvent to a subscriber's webhook, in CloudEvents structured mode ({@code Content-Type:
 * application/cloudevents+json}, the body is the CloudEvent as it is on Kafka), signed, through the shared
 * {@link OutboundHttp} sender (destination policy checked on the address connected). The result says whether it arrived
 * and, if not, why.
 */
final class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final OutboundHttp http;

    WebhookDelivery(OutboundHttp http) {
        this.http = http;
    }

    /** Outcome of one attempt: delivered (2xx) or the error to retry on. */
    record Result(boolean delivered, String error) {}

    Result post(URI url, String subscriptionId, String eventId, int attempt, byte[] body, String secret)
            throws InterruptedException {
        // The receiver's wall clock judges the timestamp (replay window), so it is the real time, not a test clock.
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        headers.put("X-Stormwatch-Subscription", subscriptionId);
        headers.put("X-Stormwatch-Delivery-Attempt", Integer.toString(attempt));
        headers.put("User-Agent", "stormwatch-status-api");
        try {
            OutboundHttp.Answer answer = http.postAndWait(url, headers, body);
            return answer.successful()
                    ? new Result(true, null)
                    : new Result(false, "HTTP " + answer.status() + " from " + hostOf(url) + " for event " + eventId);
        } catch (IOException | RuntimeException e) {
            // A refused destination, a refused connection and a silent port read the same to the subscription's owner,
            // so that lastError cannot be used to map which internal ports are open; the operator's log has the detail.
            LOG.infof(
                    "subscription %s: no answer from %s for event %s: %s",
                    subscriptionId,
                    hostOf(url),
                    eventId,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return new Result(false, "no HTTP answer from " + hostOf(url) + " for event " + eventId);
        }
    }

    /** Errors name the host, not the full URL: a webhook URL can carry a token in its path or query. */
    private static String hostOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
