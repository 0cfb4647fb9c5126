package dev.stormwatch.contracts.outbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * POSTs to (or GETs) a URL that people put in data, and only to where the {@link DestinationPolicy} allows: the name is
 * resolved once, by the policy, and the connection goes to an address it checked (the request keeps the URL's host for
 * the Host header, TLS server name and certificate check), so no second lookup can lead elsewhere. Redirects are never
 * followed (one could lead past the check). Connecting and every read are bounded by the timeout, the whole attempt by
 * twice that and a second; of an answer's body only the first {@value #BODY_LIMIT} bytes are kept (or the limit given).
 */
public final class OutboundHttp implements AutoCloseable {

    static final int BODY_LIMIT = 4096;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpClient client;
    private final DestinationPolicy policy;
    private final Duration timeout;
    private final int bodyLimit;

    /** An answer with an HTTP status; its body cut at the sender's limit. */
    public record Answer(int status, String body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** The policy refused the destination; {@code retryable} when only the name could not be resolved. */
    public static final class RefusedDestination extends IOException {

        private final boolean retryable;

        RefusedDestination(String reason, boolean retryable) {
            super(reason);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** A sender on a Vert.x instance of its own, closed with it. */
    public OutboundHttp(DestinationPolicy policy, Duration timeout) {
        this(policy, timeout, BODY_LIMIT);
    }

    /**
     * A sender on a Vert.x instance of its own that keeps up to {@code bodyLimit} bytes of each answer (for APIs whose
     * answers are read, not only counted).
     */
    public OutboundHttp(DestinationPolicy policy, Duration timeout, int bodyLimit) {
        this(
                Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)),
                true,
                policy,
                timeout,
                bodyLimit);
    }

    /** A sender on the application's Vert.x instance. */
    public OutboundHttp(Vertx vertx, DestinationPolicy policy, Duration timeout) {
        this(vertx, false, policy, timeout, BODY_LIMIT);
    }

    /** A sender on the application's Vert.x instance that keeps up to {@code bodyLimit} bytes of each answer. */
    public OutboundHttp(Vertx vertx, DestinationPolicy policy, Duration timeout, int bodyLimit) {
        this(vertx, false, policy, timeout, bodyLimit);
    }

    private OutboundHttp(Vertx vertx, boolean ownsVertx, DestinationPolicy policy, Duration timeout, int bodyLimit) {
        this.vertx = vertx;
        this.bodyLimit = bodyLimit;
        this.ownsVertx = ownsVertx;
        this.policy = policy;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true));
    }

    public DestinationPolicy policy() {
        return policy;
    }

    /**
     * POSTs {@code body} with {@code headers}. Completes with the answer, whatever its status; fails with
     * {@link RefusedDestination} when the policy refuses the URL, or with the connection's or the timeout's error.
     */
    public CompletionStage<Answer> post(URI url, Map<String, String> headers, byte[] body) {
        return request(HttpMethod.POST, url, headers, body);
    }

    /** GETs {@code url} with {@code headers}, under the same rules as {@link #post(URI, Map, byte[])}. */
    public CompletionStage<Answer> get(URI url, Map<String, String> headers) {
        return request(HttpMethod.GET, url, headers, null);
    }

    private CompletionStage<Answer> request(HttpMethod method, URI url, Map<String, String> headers, byte[] body) {
        // The policy resolves names, which blocks: on a worker thread, never the event loop.
        Future<Answer> answer = vertx.executeBlocking(() -> policy.check(url), false)
                .compose(verdict -> verdict.allowed()
                        ? send(method, url, verdict, headers, body)
                        : Future.failedFuture(new RefusedDestination(verdict.reason(), verdict.retryable())));
        return answer.toCompletionStage()
                .toCompletableFuture()
                .orTimeout(timeout.multipliedBy(2).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #post(URI, Map, byte[])}, waiting for the outcome: for callers on a thread of their own. */
    public Answer postAndWait(URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        return await(post(url, headers, body));
    }

    /** {@link #get(URI, Map)}, waiting for the outcome: for callers on a thread of their own. */
    public Answer getAndWait(URI url, Map<String, String> headers) throws IOException, InterruptedException {
        return await(get(url, headers));
    }

    private static Answer await(CompletionStage<Answer> answer) throws IOException, InterruptedException {
        try {
            return answer.toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    private Future<Answer> send(
            HttpMethod method, URI url, DestinationPolicy.Verdict verdict, Map<String, String> headers, byte[] body) {
        return connect(method, url, verdict, 0)
                .compose(request -> {
                    headers.forEach(request::putHeader);
                    return body == null ? request.send() : request.send(Buffer.buffer(body));
                })
                .compose(this::read);
    }

    /** A request on a connection to the {@code index}-th checked address, or the next one when it cannot be reached. */
    private Future<HttpClientRequest> connect(
            HttpMethod method, URI url, DestinationPolicy.Verdict verdict, int index) {
        boolean https = "https".equals(url.getScheme().toLowerCase(Locale.ROOT));
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        InetAddress address = verdict.addresses().get(index);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        return client.request(options)
                .recover(e -> index + 1 < verdict.addresses().size()
                        ? connect(method, url, verdict, index + 1)
                        : Future.failedFuture(e));
    }

    private Future<Answer> read(HttpClientResponse response) {
        Promise<Answer> done = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = bodyLimit - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(
                v -> done.tryComplete(new Answer(response.statusCode(), kept.toString(StandardCharsets.UTF_8))));
        return done.future();
    }

    @Override
    public void close() {
        client.close();
        if (ownsVertx) {
            vertx.close();
        }
    }
}
