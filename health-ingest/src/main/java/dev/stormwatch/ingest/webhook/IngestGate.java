package dev.stormwatch.ingest.webhook;

import dev.stormwatch.ingest.config.IngestConfig;
import dev.stormwatch.ingest.normalize.Sources;
import dev.stormwatch.ingest.publish.IngestMetrics;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The ingest doors' check before a byte of the body is read: who is sending, then the declared size against the
 * endpoint's own cap. It runs as a Vert.x filter after Quarkus has validated any bearer token and before the REST layer
 * buffers the body, so that an anonymous or oversize post costs its headers only. Refusals close the connection rather
 * than drain what the client still sends.
 */
@Singleton
public class IngestGate {

    private static final Logger LOG = Logger.getLogger(IngestGate.class);
    static final String PREFIX = "/api/v1/ingest";
    /** After authentication (bearer tokens are validated by then), before the REST handler. */
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHORIZATION - 10;

    private record Door(String source, int limit, String limitKey) {}

    private final IngestAuthenticator authenticator;
    private final IngestMetrics metrics;
    private final Map<String, Door> doors;

    public IngestGate(IngestAuthenticator authenticator, IngestMetrics metrics, IngestConfig config) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        IngestConfig.BodyLimit limits = config.bodyLimit();
        this.doors = Map.of(
                PREFIX + "/azure-monitor",
                        new Door(
                                Sources.AZURE_MONITOR,
                                limits.azureMonitor(),
                                "stormwatch.ingest.body-limit.azure-monitor"),
                PREFIX + "/activity-log",
                        new Door(
                                Sources.ACTIVITY_LOG,
                                limits.activityLog(),
                                "stormwatch.ingest.body-limit.activity-log"),
                PREFIX + "/events",
                        new Door(Sources.CANONICAL, limits.events(), "stormwatch.ingest.body-limit.events"));
    }

    void register(@Observes Filters filters) {
        filters.register(this::screen, PRIORITY);
    }

    void screen(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith(PREFIX)) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Door door = doors.get(trimmed);
        String source = door == null
                ? null
                : request.method() == HttpMethod.OPTIONS && door.source().equals(Sources.AZURE_MONITOR)
                        ? Sources.EVENT_GRID
                        : door.source();
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        IngestAuthenticator.Refusal refusal = authenticator.refusal(
                request.getParam("token"), request.getHeader(IngestAuthenticator.TOKEN_HEADER), identity);
        if (refusal != null) {
            // Not dead-lettered: anyone could fill the DLQ with anonymous posts.
            if (source != null) {
                metrics.count(source, IngestMetrics.Outcome.UNAUTHENTICATED, 1);
            }
            refuse(ctx, refusal.status(), refusal.message());
            return;
        }
        long declared = declaredLength(request);
        if (door != null && declared > door.limit()) {
            // The sender keeps the payload and hears why; nothing of it was read, so there is nothing to dead-letter.
            String message = "body of " + declared + " bytes exceeds the limit of " + door.limit() + " bytes for "
                    + trimmed + " (" + door.limitKey() + ")";
            LOG.warnf("%s from %s: %s", source, request.remoteAddress(), message);
            metrics.count(source, IngestMetrics.Outcome.REJECTED, 1);
            refuse(ctx, 413, message);
            return;
        }
        ctx.next();
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        var response = ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(new JsonObject().put("message", message).encode());
    }
}
