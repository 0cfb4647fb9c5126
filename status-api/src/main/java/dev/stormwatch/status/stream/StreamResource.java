package dev.stormwatch.status.stream;

import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import dev.stormwatch.status.subscription.SubscriptionReader;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-sent events of every change the read model consumes that the caller may see, with Last-Event-ID resume. */
@Path("/api/v1/stream")
@Tag(name = "stream", description = "Live changes")
public class StreamResource {

    private final ChangeFeed feed;
    private final SecurityIdentity identity;

    public StreamResource(ChangeFeed feed, SecurityIdentity identity) {
        this.feed = feed;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "Every change as a server-sent event",
            description =
                    "Events: `hello` on connect (its id is the current position); `change` for every record consumed, "
                            + "data {topic, partition, offset, key, type, event} where event is the CloudEvent "
                            + "(catalogs reduced to their platform, subscriptions to their id, and a subscription's "
                            + "changes only to its owner and admins, as GET /api/v1/subscriptions shows them); "
                            + "`reset` when a Last-Event-ID cannot be resumed (another run of the service, or older "
                            + "than the in-memory ring): fetch the state again over REST. Ids are `<epoch>-<seq>`. "
                            + "Authenticate with X-API-Key, a bearer token, or the dashboard's session cookie (a "
                            + "browser's EventSource cannot send headers); never with a credential in the URL.")
    @APIResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "401",
            description = "No or unknown credentials",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    public void stream(
            @Context SseEventSink sink,
            @Context Sse sse,
            @Parameter(description = "Resume after this event id (EventSource sends it on reconnect)")
                    @HeaderParam("Last-Event-ID")
                    String lastEventId,
            @Parameter(description = "Resume after this event id, for clients that cannot set the header")
                    @QueryParam("lastEventId")
                    String lastEventIdParam) {
        feed.attach(
                new StreamClient(sink, sse, SubscriptionReader.of(identity)),
                lastEventId != null ? lastEventId : lastEventIdParam);
    }

    @Scheduled(
            every = "${stormwatch.status-api.stream.keep-alive:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        feed.keepAlive();
    }
}
