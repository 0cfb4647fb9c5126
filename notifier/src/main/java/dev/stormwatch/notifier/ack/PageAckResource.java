package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.notifier.NotifierConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The internal page API for status-api: {@code POST /api/v1/pages/{pageId}/ack} acknowledges for a responder (body
 * {@code {"by": "...", "via": "dashboard"}}), {@code GET /api/v1/pages/{pageId}} says where a page stands. Both need
 * {@code X-Stormwatch-Internal-Token}.
 */
@Path("/api/v1/pages/{pageId}")
@Tag(name = "pages (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class PageAckResource {

    static final String TOKEN_HEADER = "X-Stormwatch-Internal-Token";

    private final Acknowledgements acknowledgements;
    private final Optional<String> internalToken;

    /** Who acknowledges, and from where. */
    public record AckRequest(String by, String via) {}

    /** A refusal, in words. */
    public record Problem(int status, String error, String detail) {}

    /** A page's status. */
    public record PageStatus(
            String pageId,
            String platformId,
            String subjectId,
            String kind,
            int level,
            String title,
            boolean acknowledged,
            String acknowledgedBy,
            Instant acknowledgedAt,
            String acknowledgedVia) {}

    /** Without {@code stormwatch.notifier.internal-token} the internal API refuses every call. */
    public PageAckResource(Acknowledgements acknowledgements, NotifierConfig config) {
        this.acknowledgements = acknowledgements;
        this.internalToken = config.internalToken().filter(t -> !t.isBlank());
    }

    @POST
    @Path("/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a page for a responder (status-api)")
    @APIResponse(responseCode = "202", description = "Acknowledged; the escalation stops")
    @APIResponse(responseCode = "400", description = "The body does not name who acknowledges")
    @APIResponse(responseCode = "401", description = "Missing or wrong internal token")
    @APIResponse(responseCode = "404", description = "No such page")
    @APIResponse(responseCode = "409", description = "Already acknowledged")
    public Response acknowledge(
            @PathParam("pageId") String pageId, @HeaderParam(TOKEN_HEADER) String token, AckRequest body) {
        Response denied = authorize(token);
        if (denied != null) {
            return denied;
        }
        if (body == null || body.by() == null || body.by().isBlank()) {
            return problem(
                    400,
                    "bad request",
                    "the body must be JSON like {\"by\": \"alex\", \"via\": \"dashboard\"};" + " 'by' is missing");
        }
        String via = body.via() == null || body.via().isBlank() ? "dashboard" : body.via();
        Acknowledgements.Outcome outcome = acknowledgements.acknowledge(pageId, null, body.by(), via, null);
        if (outcome instanceof Acknowledgements.Acknowledged a) {
            return Response.accepted(Map.of(
                            "pageId",
                            pageId,
                            "by",
                            a.ack().by(),
                            "via",
                            a.ack().via(),
                            "at",
                            a.ack().at().toString()))
                    .build();
        }
        if (outcome instanceof Acknowledgements.AlreadyAcknowledged a) {
            return problem(
                    409,
                    "already acknowledged",
                    "page " + pageId + " was acknowledged by " + a.first().by() + " at "
                            + a.first().at());
        }
        if (outcome instanceof Acknowledgements.Replayed) {
            return problem(409, "already acknowledged", "page " + pageId + " is acknowledged");
        }
        if (outcome instanceof Acknowledgements.UnknownPage) {
            return problem(404, "unknown page", "this notifier has sent no page " + pageId);
        }
        return Response.status(503)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(503, "not ready", ((Acknowledgements.NotReady) outcome).reason()))
                .build();
    }

    @GET
    @Operation(summary = "Where a page stands")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "401", description = "Missing or wrong internal token")
    @APIResponse(responseCode = "404", description = "No such page")
    public Response status(@PathParam("pageId") String pageId, @HeaderParam(TOKEN_HEADER) String token) {
        Response denied = authorize(token);
        if (denied != null) {
            return denied;
        }
        return acknowledgements
                .view(pageId)
                .map(v -> Response.ok(new PageStatus(
                                v.pageId(),
                                v.platformId(),
                                v.subjectId(),
                                v.kind(),
                                v.level(),
                                v.title(),
                                v.ack().isPresent(),
                                v.ack().map(Ack::by).orElse(null),
                                v.ack().map(Ack::at).orElse(null),
                                v.ack().map(Ack::via).orElse(null)))
                        .build())
                .orElseGet(() -> problem(404, "unknown page", "this notifier has sent no page " + pageId));
    }

    private Response authorize(String token) {
        if (internalToken.isEmpty()) {
            return problem(
                    401,
                    "unauthorized",
                    "stormwatch.notifier.internal-token is not configured on the notifier: the internal API is closed");
        }
        if (token == null
                || !MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8),
                        internalToken.get().getBytes(StandardCharsets.UTF_8))) {
            return problem(401, "unauthorized", "missing or wrong " + TOKEN_HEADER + " header");
        }
        return null;
    }

    private static Response problem(int status, String error, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status, error, detail))
                .build();
    }
}
