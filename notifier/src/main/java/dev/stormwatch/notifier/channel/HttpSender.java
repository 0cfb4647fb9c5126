package dev.stormwatch.notifier.channel;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON to a webhook for the HTTP channels through {@link OutboundHttp}: the destination checked first and the
 * connection made to the address checked, redirects never followed, the whole attempt bounded by an
 * {@link AttemptTimeout} guard. 2xx is delivered; 408, 425, 429 and 5xx, timeouts and connection failures are worth a
 * retry; other statuses and refused destinations are not.
 */
public final class HttpSender implements AutoCloseable {

    private final OutboundHttp http;
    private final TypedGuard<CompletionStage<ChannelResult>> attempt;

    /** A sender with a Vert.x instance of its own (tests, tools). */
    public HttpSender(Duration timeout, DestinationPolicy destinations) {
        this(new OutboundHttp(destinations, timeout), timeout);
    }

    /** A sender on the application's Vert.x instance. */
    public HttpSender(Vertx vertx, Duration timeout, DestinationPolicy destinations) {
        this(new OutboundHttp(vertx, destinations, timeout), timeout);
    }

    private HttpSender(OutboundHttp http, Duration timeout) {
        this.http = http;
        // Twice the request timeout and a second: room for the name check and the connection before the request's own.
        this.attempt = AttemptTimeout.of("HTTP", timeout.multipliedBy(2).plusSeconds(1));
    }

    public CompletionStage<ChannelResult> postJson(String url, String body, Map<String, String> headers) {
        return attempt.get(() -> send(url, body, headers)).exceptionally(HttpSender::failure);
    }

    private CompletionStage<ChannelResult> send(String url, String body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ChannelResult.refused(
                    "destination refused: '" + Redaction.target("webhook", url) + "' is not a URL"));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        return http.post(uri, all, body.getBytes(StandardCharsets.UTF_8)).thenApply(HttpSender::result);
    }

    private static ChannelResult result(OutboundHttp.Answer response) {
        int status = response.status();
        if (response.successful()) {
            return ChannelResult.delivered("HTTP " + status);
        }
        String body = response.body() == null ? "" : response.body().strip();
        String detail = "HTTP " + status
                + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return ChannelResult.retry(detail);
        }
        return ChannelResult.refused(detail);
    }

    private static ChannelResult failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof OutboundHttp.RefusedDestination refused) {
            return refused.retryable()
                    ? ChannelResult.retry(refused.getMessage())
                    : ChannelResult.refused("destination refused: " + refused.getMessage());
        }
        if (AttemptTimeout.isTimeout(cause) || cause instanceof TimeoutException) {
            return ChannelResult.retry("timed out");
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return ChannelResult.retry(cause.getClass().getSimpleName() + ": " + message);
    }

    @Override
    public void close() {
        http.close();
    }
}
