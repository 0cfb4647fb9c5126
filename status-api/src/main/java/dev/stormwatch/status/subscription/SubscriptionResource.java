package dev.stormwatch.status.subscription;

import dev.stormwatch.status.Actors;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Downstream subscriptions: admins create and delete them; a subscriber team (any role) sees the ones it owns.
 * Deliveries are CloudEvents in structured mode, signed as every Stormwatch webhook is (contracts' WebhookSignature).
 */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions", description = "Downstream webhook subscriptions to handovers (and incidents, decisions)")
public class SubscriptionResource {

    private final SubscriptionView view;
    private final SubscriptionDesk desk;
    private final SecurityIdentity identity;

    public SubscriptionResource(SubscriptionView view, SubscriptionDesk desk, SecurityIdentity identity) {
        this.view = view;
        this.desk = desk;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a subscription",
            description = "Deliveries: POST of the CloudEvent (Content-Type application/cloudevents+json) with "
                    + "X-Stormwatch-Timestamp: <unix seconds> and X-Stormwatch-Signature: sha256=<hex "
                    + "HMAC-SHA256(secret, timestamp + '.' + body)> (refuse old timestamps to stop replays), retried "
                    + "with exponential back-off, dead-lettered after the last attempt. Drill events only with "
                    + "drills=true. The secret is stored encrypted and never returned.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = SubscriptionInfo.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request, every problem listed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not confirm the write",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(SubscriptionRequest request) {
        SubscriptionInfo created = desk.create(request, Actors.name(identity));
        return Response.created(URI.create("/api/v1/subscriptions/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Subscriptions: all for an admin, a team's own (owner = its identity) for anyone else")
    @APIResponse(
            responseCode = "200",
            description = "The subscriptions",
            content = @Content(schema = @Schema(implementation = SubscriptionInfo.class, type = SchemaType.ARRAY)))
    public List<SubscriptionInfo> list() {
        return view.all().stream()
                .filter(this::visible)
                .sorted(Comparator.comparing(Subscription::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(this::info)
                .toList();
    }

    @GET
    @Path("/{subscriptionId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One subscription with its delivery status")
    @APIResponse(
            responseCode = "200",
            description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionInfo.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown, or not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SubscriptionInfo one(@PathParam("subscriptionId") String id) {
        return info(find(id));
    }

    @GET
    @Path("/{subscriptionId}/dead-letters")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Events that could not be delivered, with the last error")
    @APIResponse(
            responseCode = "200",
            description = "The dead letters",
            content = @Content(schema = @Schema(implementation = DeadLetter.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown, or not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<DeadLetter> deadLetters(@PathParam("subscriptionId") String id) {
        find(id);
        return view.deadLetters(id);
    }

    @DELETE
    @Path("/{subscriptionId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a subscription with its delivery status and dead letters")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "Unknown subscription",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response delete(@PathParam("subscriptionId") String id) {
        desk.delete(id, Actors.name(identity));
        return Response.noContent().build();
    }

    private Subscription find(String id) {
        return view.subscription(id)
                .filter(this::visible)
                .orElseThrow(() -> ApiError.notFound("no subscription '" + id + "'"));
    }

    private boolean visible(Subscription s) {
        return SubscriptionReader.of(identity).sees(s);
    }

    private SubscriptionInfo info(Subscription s) {
        return SubscriptionInfo.of(
                s, view.status(s.id()), view.deadLetters(s.id()).size());
    }
}
