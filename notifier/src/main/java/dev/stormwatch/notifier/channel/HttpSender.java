package dev.stormwatch.notifier.channel;

import io.smallrye.faulttolerance.api.TypedGuard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * POSTs JSON to a webhook for the HTTP channels: destination checked first (off the caller's thread, since it resolves
 * names), redirects never followed (a redirect could lead past that check), the request bounded by the client's timeout
 * and the whole attempt, name check included, by an {@link AttemptTimeout} guard.
 * 2xx is delivered; 408, 425, 429 and 5xx, timeouts and connection failures are worth a retry; other statuses are not.
 */
public final class HttpSender implements AutoCloseable {

    private final HttpClient client;
    private final Duration timeout;
    private final DestinationPolicy destinations;
    private final ExecutorService checks;
    private final TypedGuard<CompletionStage<ChannelResult>> attempt;

    public HttpSender(Duration timeout, DestinationPolicy destinations) {
        this.timeout = timeout;
        this.destinations = destinations;
        this.checks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "notifier-destination-check");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        // Twice the request timeout and a second: room for the name check and the connection before the request's own.
        this.attempt = AttemptTimeout.of("HTTP", timeout.multipliedBy(2).plusSeconds(1));
    }

    public CompletionStage<ChannelResult> postJson(String url, String body, Map<String, String> headers) {
        return attempt.get(() -> send(url, body, headers)).exceptionally(HttpSender::failure);
    }

    private CompletionStage<ChannelResult> send(String url, String body, Map<String, String> headers) {
        return CompletableFuture.supplyAsync(() -> destinations.check(url), checks)
                .thenCompose(verdict -> {
                    if (!verdict.allowed()) {
                        return CompletableFuture.completedFuture(verdict.retryable() ? ChannelResult.retry(verdict.reason())
                                : ChannelResult.refused("destination refused: " + verdict.reason()));
                    }
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                    headers.forEach(request::header);
                    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                            .thenApply(HttpSender::result);
                });
    }

    private static ChannelResult result(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return ChannelResult.delivered("HTTP " + status);
        }
        String body = response.body() == null ? "" : response.body().strip();
        String detail = "HTTP " + status + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return ChannelResult.retry(detail);
        }
        return ChannelResult.refused(detail);
    }

    private static ChannelResult failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (AttemptTimeout.isTimeout(cause)) {
            return ChannelResult.retry("timed out");
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return ChannelResult.retry(cause.getClass().getSimpleName() + ": " + message);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
