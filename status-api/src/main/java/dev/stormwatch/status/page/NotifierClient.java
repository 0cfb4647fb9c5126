package dev.stormwatch.status.page;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.error.ApiError;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The notifier's internal acknowledge API (cross-service protocol): {@code POST <notifier>/api/v1/pages/{pageId}/ack}
 * with {@code {"by", "via": "dashboard"}} and the shared internal token. The notifier writes the Ack to acks.v1.
 */
@Singleton
public class NotifierClient {

    static final String TOKEN_HEADER = "X-Stormwatch-Internal-Token";
    private static final Logger LOG = Logger.getLogger(NotifierClient.class);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final String token;

    /**
     * {@code stormwatch.internal-token} is shared by every service, so it is read on its own rather than through
     * status-api's mapping.
     */
    public NotifierClient(StatusApiConfig config,
            @ConfigProperty(name = "stormwatch.internal-token", defaultValue = "local-internal-token") String token) {
        this.timeout = config.notifier().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        String url = config.notifier().url().toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token;
    }

    /** The body the notifier's ack API takes. */
    record AckRequest(String by, String via) {
    }

    /** The notifier's answer: 202 acknowledged, 404 unknown page, 409 already acknowledged. */
    public enum Outcome { ACKNOWLEDGED, UNKNOWN_PAGE, ALREADY_ACKNOWLEDGED }

    public Outcome acknowledge(String pageId, String by) {
        URI uri = base.resolve("api/v1/pages/" + URLEncoder.encode(pageId, StandardCharsets.UTF_8).replace("+", "%20") + "/ack");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.toBytes(new AckRequest(by, "dashboard"))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("notifier at %s unreachable for ack of %s: %s", base, pageId, e.toString());
            throw ApiError.badGateway("the notifier at " + base + " could not be reached; the page is not acknowledged, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.badGateway("interrupted while calling the notifier");
        }
        return switch (response.statusCode()) {
            case 200, 201, 202, 204 -> Outcome.ACKNOWLEDGED;
            case 404 -> Outcome.UNKNOWN_PAGE;
            case 409 -> Outcome.ALREADY_ACKNOWLEDGED;
            default -> {
                LOG.warnf("notifier answered %d to the ack of %s", response.statusCode(), pageId);
                throw ApiError.badGateway("the notifier answered HTTP " + response.statusCode() + "; the page is not acknowledged");
            }
        };
    }
}
