package dev.stormwatch.status.page;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The notifier's internal acknowledge API (cross-service protocol): {@code POST <notifier>/api/v1/pages/{pageId}/ack}
 * with {@code {"by", "via": "dashboard"}} and the shared internal token. The notifier writes the Ack to acks.v1.
 *
 * <p>A person is waiting on the answer, so the fault tolerance is short: a notifier that cannot be reached, or answers
 * 503 while it is still reading its pages at start, is tried twice more within about a second; once half the calls of a
 * rolling ten found it unavailable, calls are answered at once for {@value #RESTING_SECONDS} s instead of each waiting
 * for the timeout. Each attempt is bounded by {@code stormwatch.status-api.notifier.timeout}, the HTTP client's own
 * request timeout.
 */
@Singleton
public class NotifierClient {

    static final String TOKEN_HEADER = "X-Stormwatch-Internal-Token";
    static final int RESTING_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(NotifierClient.class);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final String token;

    public NotifierClient(StatusApiConfig config) {
        this.timeout = config.notifier().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        String url = config.notifier().url().toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = config.notifier().internalToken();
    }

    /** The body the notifier's ack API takes. */
    record AckRequest(String by, String via) {}

    /** The notifier's answer: 202 acknowledged, 404 unknown page, 409 already acknowledged. */
    public enum Outcome {
        ACKNOWLEDGED,
        UNKNOWN_PAGE,
        ALREADY_ACKNOWLEDGED
    }

    /** The notifier did not answer the call (unreachable, timed out, not ready yet); what opens the circuit. A 502. */
    static class NotifierUnavailable extends ApiError {
        NotifierUnavailable(String error) {
            super(ErrorBody.of(502, error));
        }
    }

    /**
     * The call never reached the notifier (refused, no connection in time) or it answered 503 (still reading its
     * pages): safe to send again. A request that timed out after it was sent is not retried: it may have been
     * acknowledged.
     */
    static final class NotifierNotReached extends NotifierUnavailable {
        NotifierNotReached(String error) {
            super(error);
        }
    }

    @Retry(retryOn = NotifierNotReached.class, maxRetries = 2, delay = 300, delayUnit = ChronoUnit.MILLIS, jitter = 100)
    @CircuitBreaker(
            failOn = NotifierUnavailable.class,
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = RESTING_SECONDS,
            delayUnit = ChronoUnit.SECONDS)
    @Fallback(applyOn = CircuitBreakerOpenException.class, fallbackMethod = "resting")
    public Outcome acknowledge(String pageId, String by) {
        URI uri = base.resolve("api/v1/pages/"
                + URLEncoder.encode(pageId, StandardCharsets.UTF_8).replace("+", "%20") + "/ack");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.toBytes(new AckRequest(by, "dashboard"))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            LOG.warnf("notifier at %s unreachable for ack of %s: %s", base, pageId, e.toString());
            throw new NotifierNotReached(
                    "the notifier at " + base + " could not be reached; the page is not acknowledged, try again");
        } catch (IOException e) {
            LOG.warnf("notifier at %s failed the ack of %s: %s", base, pageId, e.toString());
            throw new NotifierUnavailable("the notifier at " + base + " did not answer ("
                    + e.getClass().getSimpleName()
                    + "); the page may not be acknowledged, look at the page and try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.badGateway("interrupted while calling the notifier");
        }
        return switch (response.statusCode()) {
            case 200, 201, 202, 204 -> Outcome.ACKNOWLEDGED;
            case 404 -> Outcome.UNKNOWN_PAGE;
            case 409 -> Outcome.ALREADY_ACKNOWLEDGED;
            case 503 -> {
                LOG.warnf("notifier not ready for the ack of %s (HTTP 503)", pageId);
                throw new NotifierNotReached(
                        "the notifier at " + base + " is not ready; the page is not acknowledged, try again");
            }
            default -> {
                LOG.warnf("notifier answered %d to the ack of %s", response.statusCode(), pageId);
                throw ApiError.badGateway(
                        "the notifier answered HTTP " + response.statusCode() + "; the page is not acknowledged");
            }
        };
    }

    /** While the circuit is open: the answer at once, without a call. */
    Outcome resting(String pageId, String by) {
        throw ApiError.badGateway("the notifier at " + base
                + " failed repeatedly; the page is not acknowledged, try again in " + RESTING_SECONDS + " s");
    }
}
