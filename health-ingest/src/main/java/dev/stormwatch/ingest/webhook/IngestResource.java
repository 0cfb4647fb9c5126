package dev.stormwatch.ingest.webhook;

import dev.stormwatch.ingest.config.IngestConfig;
import dev.stormwatch.ingest.intake.CanonicalEvents;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.normalize.ActivityLogRecordsNormalizer;
import dev.stormwatch.ingest.normalize.AzureMonitorWebhook;
import dev.stormwatch.ingest.normalize.Sources;
import dev.stormwatch.ingest.publish.IngestMetrics;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The push intakes: the Azure Monitor action-group webhook (which Event Grid subscriptions can validate), Activity Log
 * records, and canonical events. {@link IngestGate} has checked the sender and the declared size before the body was
 * read; the check here repeats the sender's for any path the gate did not see. Bodies are taken as bytes, not bound by
 * the framework, so that every refused payload can be kept in the DLQ as it arrived.
 */
@Path("/api/v1/ingest")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class IngestResource {

    private static final byte[] VALIDATION_CODE = "validationCode".getBytes(StandardCharsets.US_ASCII);

    private final Ingestion ingestion;
    private final IngestAuthenticator authenticator;
    private final IngestMetrics metrics;
    private final SecurityIdentity identity;
    private final IngestConfig.BodyLimit limits;

    public IngestResource(
            Ingestion ingestion,
            IngestAuthenticator authenticator,
            IngestMetrics metrics,
            SecurityIdentity identity,
            IngestConfig config) {
        this.ingestion = ingestion;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.identity = identity;
        this.limits = config.bodyLimit();
    }

    @POST
    @Path("/azure-monitor")
    @Operation(
            summary = "Azure Monitor action-group webhook: common alert schema or activity-log alert schema "
                    + "(ServiceHealth, ResourceHealth), or Event Grid HealthResources events")
    @APIResponse(
            responseCode = "202",
            description =
                    "accepted: events published, duplicates and stale updates counted, unsupported reasons listed")
    @APIResponse(
            responseCode = "400",
            description = "not JSON or not an Azure Monitor alert; the message says what was expected")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(
            responseCode = "403",
            description = "an Entra ID token without the secure webhook's app role and of no allowed client")
    @APIResponse(responseCode = "413", description = "body larger than the endpoint's stormwatch.ingest.body-limit.*")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry")
    public CompletionStage<Response> azureMonitor(
            byte[] body,
            @QueryParam("token") String token,
            @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        IngestAuthenticator.Refusal refusal = authenticator.refusal(token, header, identity);
        if (refusal != null) {
            return CompletableFuture.completedFuture(refused(Sources.AZURE_MONITOR, refusal));
        }
        String validationCode = validationCode(body);
        if (validationCode != null) {
            return CompletableFuture.completedFuture(
                    Response.ok(Map.of("validationResponse", validationCode)).build());
        }
        return answer(() -> ingestion.ingestAsync(
                Sources.AZURE_MONITOR,
                "/api/v1/ingest/azure-monitor",
                body,
                contentType,
                limits.azureMonitor(),
                "stormwatch.ingest.body-limit.azure-monitor",
                AzureMonitorWebhook::normalize));
    }

    @OPTIONS
    @Path("/azure-monitor")
    @Operation(summary = "Event Grid (CloudEvents schema) abuse protection: the WebHook-Request-Origin handshake")
    @APIResponse(responseCode = "200", description = "WebHook-Allowed-Origin echoes the origin that asked")
    @APIResponse(responseCode = "400", description = "no WebHook-Request-Origin header")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(
            responseCode = "403",
            description = "an Entra ID token without the secure webhook's app role and of no allowed client")
    public Response eventGridHandshake(
            @QueryParam("token") String token,
            @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(EventGridHandshake.REQUEST_ORIGIN) String origin) {
        IngestAuthenticator.Refusal refusal = authenticator.refusal(token, header, identity);
        if (refusal != null) {
            return refused(Sources.EVENT_GRID, refusal);
        }
        if (origin == null || origin.isBlank()) {
            return Response.status(400)
                    .entity(Map.of(
                            "message",
                            "OPTIONS here is Event Grid's abuse-protection handshake: the "
                                    + EventGridHandshake.REQUEST_ORIGIN + " header is required"))
                    .build();
        }
        return Response.ok()
                .header(EventGridHandshake.ALLOWED_ORIGIN, origin.trim())
                .header(EventGridHandshake.ALLOWED_RATE, "*")
                .header(HttpHeaders.ALLOW, "POST, OPTIONS")
                .build();
    }

    @POST
    @Path("/activity-log")
    @Operation(
            summary = "Activity Log records as diagnostic settings export them ({\"records\":[…]},"
                    + " categories ServiceHealth and ResourceHealth), for Logic Apps or Functions routes; the "
                    + "same normalizer as Event Hubs")
    @APIResponse(
            responseCode = "202",
            description =
                    "accepted: events published, duplicates and stale updates counted, other categories listed as "
                            + "unsupported")
    @APIResponse(responseCode = "400", description = "not JSON or not a records envelope; the message names the path")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(
            responseCode = "403",
            description = "an Entra ID token without the secure webhook's app role and of no allowed client")
    @APIResponse(responseCode = "413", description = "body larger than the endpoint's stormwatch.ingest.body-limit.*")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry")
    public CompletionStage<Response> activityLog(
            byte[] body,
            @QueryParam("token") String token,
            @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        IngestAuthenticator.Refusal refusal = authenticator.refusal(token, header, identity);
        if (refusal != null) {
            return CompletableFuture.completedFuture(refused(Sources.ACTIVITY_LOG, refusal));
        }
        return answer(() -> ingestion.ingestAsync(
                Sources.ACTIVITY_LOG,
                "/api/v1/ingest/activity-log",
                body,
                contentType,
                limits.activityLog(),
                "stormwatch.ingest.body-limit.activity-log",
                root -> ActivityLogRecordsNormalizer.normalize(root, Sources.ACTIVITY_LOG)));
    }

    @POST
    @Path("/events")
    @Operation(summary = "Canonical HealthEvent JSON, one object or an array (all or nothing)")
    @APIResponse(responseCode = "202", description = "accepted: events published, duplicates and stale updates counted")
    @APIResponse(responseCode = "400", description = "not JSON or not valid HealthEvents; the message names the field")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(
            responseCode = "403",
            description = "an Entra ID token without the secure webhook's app role and of no allowed client")
    @APIResponse(responseCode = "413", description = "body larger than the endpoint's stormwatch.ingest.body-limit.*")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry")
    public CompletionStage<Response> events(
            byte[] body,
            @QueryParam("token") String token,
            @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        IngestAuthenticator.Refusal refusal = authenticator.refusal(token, header, identity);
        if (refusal != null) {
            return CompletableFuture.completedFuture(refused(Sources.CANONICAL, refusal));
        }
        return answer(() -> ingestion.ingestAsync(
                Sources.CANONICAL,
                "/api/v1/ingest/events",
                body,
                contentType,
                limits.events(),
                "stormwatch.ingest.body-limit.events",
                root -> CanonicalEvents.parse(root, ingestion.reader().mapper())));
    }

    /** The code of an Event Grid subscription validation in {@code body}; null for anything else (read as usual). */
    private String validationCode(byte[] body) {
        // Read as JSON only when it can be one: every alert would otherwise be parsed twice, here on the event loop.
        if (body == null || body.length == 0 || body.length > 65536 || !contains(body, VALIDATION_CODE)) {
            return null;
        }
        try {
            return EventGridHandshake.validationCode(ingestion.reader().read(body));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Response refused(String source, IngestAuthenticator.Refusal refusal) {
        // Not dead-lettered: anyone could fill the DLQ with anonymous posts.
        metrics.count(source, IngestMetrics.Outcome.UNAUTHENTICATED, 1);
        Response.ResponseBuilder r = Response.status(refusal.status()).entity(Map.of("message", refusal.message()));
        if (refusal.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Reads and normalizes on a worker thread, then lets go of it: the answer is written when Kafka has acknowledged
     * the records. A thread held per request until then would cap the intake at the pool's size over Kafka's latency,
     * which a regional outage's burst exceeds.
     */
    private static CompletionStage<Response> answer(Supplier<CompletableFuture<IngestResult>> work) {
        // The answer is written from the request's event loop: Kafka completes the result on its producer's only
        // network thread, which must not spend its time serialising responses.
        Context loop = Vertx.currentContext();
        CompletableFuture<Response> answered = new CompletableFuture<>();
        CompletableFuture.supplyAsync(work, Infrastructure.getDefaultWorkerPool())
                .thenCompose(Function.identity())
                .whenComplete((result, failure) -> {
                    Runnable complete = () -> {
                        if (failure != null) {
                            answered.completeExceptionally(failure);
                        } else {
                            answered.complete(answer(result));
                        }
                    };
                    if (loop != null) {
                        loop.runOnContext(ignored -> complete.run());
                    } else {
                        complete.run();
                    }
                });
        return answered;
    }

    private static Response answer(IngestResult result) {
        Response.ResponseBuilder r = Response.status(result.status()).entity(result);
        if (result.status() == 503) {
            r.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return r.build();
    }
}
