package dev.stormwatch.ingest.webhook;

import dev.stormwatch.ingest.intake.CanonicalEvents;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.normalize.AzureMonitorWebhook;
import dev.stormwatch.ingest.normalize.Sources;
import dev.stormwatch.ingest.publish.IngestMetrics;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Map;

/**
 * The push intakes: the Azure Monitor action-group webhook and canonical events. Bodies are taken as bytes, not bound
 * by the framework, so that every refused payload can be kept in the DLQ as it arrived.
 */
@Path("/api/v1/ingest")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class IngestResource {

    private final Ingestion ingestion;
    private final IngestAuthenticator authenticator;
    private final IngestMetrics metrics;
    private final SecurityIdentity identity;

    public IngestResource(Ingestion ingestion, IngestAuthenticator authenticator, IngestMetrics metrics, SecurityIdentity identity) {
        this.ingestion = ingestion;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.identity = identity;
    }

    @POST
    @Path("/azure-monitor")
    @Operation(summary = "Azure Monitor action-group webhook: common alert schema or activity-log alert schema "
            + "(ServiceHealth, ResourceHealth), or Event Grid HealthResources events")
    @APIResponse(responseCode = "202", description = "accepted: events published, duplicates and stale updates counted, unsupported reasons listed")
    @APIResponse(responseCode = "400", description = "not JSON or not an Azure Monitor alert; the message says what was expected")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(responseCode = "413", description = "body larger than stormwatch.ingest.max-body-bytes")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry")
    public Response azureMonitor(byte[] body, @QueryParam("token") String token, @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (!authenticator.allows(token, header, identity)) {
            return unauthenticated(Sources.AZURE_MONITOR);
        }
        return answer(ingestion.ingest(Sources.AZURE_MONITOR, "/api/v1/ingest/azure-monitor", body, contentType, AzureMonitorWebhook::normalize));
    }

    @POST
    @Path("/events")
    @Operation(summary = "Canonical HealthEvent JSON, one object or an array (all or nothing)")
    @APIResponse(responseCode = "202", description = "accepted: events published, duplicates and stale updates counted")
    @APIResponse(responseCode = "400", description = "not JSON or not valid HealthEvents; the message names the field")
    @APIResponse(responseCode = "401", description = "no valid shared secret or Entra ID bearer token")
    @APIResponse(responseCode = "413", description = "body larger than stormwatch.ingest.max-body-bytes")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry")
    public Response events(byte[] body, @QueryParam("token") String token, @HeaderParam(IngestAuthenticator.TOKEN_HEADER) String header,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (!authenticator.allows(token, header, identity)) {
            return unauthenticated(Sources.CANONICAL);
        }
        return answer(ingestion.ingest(Sources.CANONICAL, "/api/v1/ingest/events", body, contentType,
                root -> CanonicalEvents.parse(root, ingestion.reader().mapper())));
    }

    private Response unauthenticated(String source) {
        // Not dead-lettered: anyone could fill the DLQ with anonymous posts.
        metrics.count(source, IngestMetrics.Outcome.UNAUTHENTICATED, 1);
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Map.of("message", "authentication required: the shared secret in the 'token' query parameter or the "
                        + IngestAuthenticator.TOKEN_HEADER + " header, or an Entra ID bearer token"))
                .build();
    }

    private static Response answer(IngestResult result) {
        Response.ResponseBuilder r = Response.status(result.status()).entity(result);
        if (result.status() == 503) {
            r.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return r.build();
    }
}
