package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.page.Ack;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The acknowledge link of a message: {@code GET /ack/{token}} shows what would be acknowledged, with a button;
 * {@code POST /ack/{token}} acknowledges. Forged (403), expired (410), used or already acknowledged (409) and unknown
 * (404) links are refused with a page saying why. Refusals go through {@link AckLinkRefusals}: counted, limited per
 * client (429 beyond) and audited in aggregate, so that a client looping on forged links costs a counter increment.
 */
@Path("/ack/{token}")
@Tag(name = "acknowledge links")
public class AckLinkResource {

    private final AckTokens tokens;
    private final Acknowledgements acknowledgements;
    private final AckLinkRefusals refusals;
    private final Template page;

    public AckLinkResource(
            AckTokens tokens,
            Acknowledgements acknowledgements,
            AckLinkRefusals refusals,
            @Location("ack.html") Template page) {
        this.tokens = tokens;
        this.acknowledgements = acknowledgements;
        this.refusals = refusals;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Show the page this link acknowledges")
    @APIResponse(responseCode = "200", description = "The page, with an Acknowledge button unless it is acknowledged")
    @APIResponse(responseCode = "403", description = "The link was not issued by this notifier or was altered")
    @APIResponse(responseCode = "410", description = "The link has expired")
    @APIResponse(responseCode = "404", description = "No such page")
    @APIResponse(responseCode = "429", description = "Too many refused links from this client; retry later")
    public Response show(@PathParam("token") String token, @Context HttpServerRequest request) {
        AckTokens.Check check = tokens.verify(token, acknowledgements.now());
        if (!(check instanceof AckTokens.Valid valid)) {
            return refused(check, client(request));
        }
        AckClaims claims = valid.claims();
        if (!acknowledgements.ready()) {
            return notReady("The notifier is starting; try again in a few seconds.");
        }
        Optional<Acknowledgements.PageView> view = acknowledgements.view(claims.pageId());
        if (view.isEmpty()) {
            return html(
                    404,
                    "Unknown page",
                    "This notifier has no page " + claims.pageId() + ".",
                    "bad",
                    null,
                    claims,
                    false,
                    token);
        }
        Optional<Ack> ack = view.get().ack();
        if (ack.isPresent()) {
            return html(
                    200,
                    "Already acknowledged",
                    "Someone is on it already: nothing more is needed from this link.",
                    "ok",
                    view.get(),
                    claims,
                    false,
                    token);
        }
        return html(
                200,
                "Acknowledge this page?",
                "You were paged. Acknowledge to stop the escalation.",
                "",
                view.get(),
                claims,
                true,
                token);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Acknowledge the page of this link")
    @APIResponse(responseCode = "200", description = "Acknowledged; the escalation stops")
    @APIResponse(responseCode = "403", description = "The link was not issued by this notifier or was altered")
    @APIResponse(responseCode = "410", description = "The link has expired")
    @APIResponse(responseCode = "409", description = "The link was used already, or the page is acknowledged already")
    @APIResponse(responseCode = "404", description = "No such page")
    @APIResponse(responseCode = "429", description = "Too many refused links from this client; retry later")
    public Response acknowledge(@PathParam("token") String token, @Context HttpServerRequest request) {
        AckTokens.Check check = tokens.verify(token, acknowledgements.now());
        if (!(check instanceof AckTokens.Valid valid)) {
            return refused(check, client(request));
        }
        AckClaims c = valid.claims();
        Acknowledgements.Outcome outcome =
                acknowledgements.acknowledge(c.pageId(), c.contactId(), c.contactId(), "link", c.nonce());
        Optional<Acknowledgements.PageView> view = acknowledgements.view(c.pageId());
        if (outcome instanceof Acknowledgements.Acknowledged) {
            return html(
                    200,
                    "Acknowledged",
                    "Thank you, " + c.contactId() + ": the page is acknowledged and the escalation stops.",
                    "ok",
                    view.orElse(null),
                    c,
                    false,
                    token);
        }
        if (outcome instanceof Acknowledgements.Replayed) {
            if (!refusals.refuse(
                    client(request),
                    AckLinkRefusals.Reason.REPLAYED,
                    "acknowledge link for " + c.pageId() + " (" + c.contactId() + ") used again: refused")) {
                return tooMany();
            }
            return html(
                    409,
                    "Link already used",
                    "This link has been used already; the page is acknowledged.",
                    "bad",
                    view.orElse(null),
                    c,
                    false,
                    token);
        }
        if (outcome instanceof Acknowledgements.AlreadyAcknowledged a) {
            return html(
                    409,
                    "Already acknowledged",
                    "The page was acknowledged by " + a.first().by() + " at "
                            + a.first().at() + ".",
                    "bad",
                    view.orElse(null),
                    c,
                    false,
                    token);
        }
        if (outcome instanceof Acknowledgements.UnknownPage) {
            return html(
                    404, "Unknown page", "This notifier has no page " + c.pageId() + ".", "bad", null, c, false, token);
        }
        return notReady(((Acknowledgements.NotReady) outcome).reason());
    }

    private static String client(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
    }

    private Response tooMany() {
        return Response.status(429)
                .header("Retry-After", Long.toString(refusals.retryAfterSeconds()))
                .type(MediaType.TEXT_HTML)
                .entity(render(
                        "Too many refused links",
                        "Too many links from your address were refused; try again later.",
                        "bad",
                        null,
                        null,
                        false,
                        null))
                .build();
    }

    private Response refused(AckTokens.Check check, String client) {
        if (check instanceof AckTokens.Expired expired) {
            AckClaims c = expired.claims();
            if (!refusals.refuse(
                    client,
                    AckLinkRefusals.Reason.EXPIRED,
                    "expired acknowledge link for " + c.pageId() + " (" + c.contactId() + "), expired at "
                            + c.expires())) {
                return tooMany();
            }
            return html(
                    410,
                    "Link expired",
                    "This link expired at " + c.expires() + ". Acknowledge from the dashboard, or"
                            + " from a newer message.",
                    "bad",
                    null,
                    c,
                    false,
                    null);
        }
        AckTokens.Forged forged = (AckTokens.Forged) check;
        if (!refusals.refuse(
                client, AckLinkRefusals.Reason.FORGED, "forged acknowledge link refused: " + forged.reason())) {
            return tooMany();
        }
        return html(
                403,
                "Link not valid",
                "This link is not valid: " + forged.reason() + ".",
                "bad",
                null,
                null,
                false,
                null);
    }

    private Response notReady(String reason) {
        return Response.status(503)
                .header("Retry-After", "5")
                .type(MediaType.TEXT_HTML)
                .entity(render("Not ready", reason, "bad", null, null, false, null))
                .build();
    }

    private Response html(
            int status,
            String heading,
            String message,
            String tone,
            Acknowledgements.PageView view,
            AckClaims claims,
            boolean form,
            String token) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(render(heading, message, tone, view, claims, form, token))
                .build();
    }

    private String render(
            String heading,
            String message,
            String tone,
            Acknowledgements.PageView view,
            AckClaims claims,
            boolean form,
            String token) {
        Map<String, Object> data = new HashMap<>();
        data.put("heading", heading);
        data.put("message", message);
        data.put("tone", tone);
        data.put("pageId", view == null ? "" : view.pageId());
        data.put("title", view == null || view.title() == null ? "" : view.title());
        data.put("subjectLabel", view != null && view.kind().startsWith("decision") ? "Decision" : "Incident");
        data.put("subjectId", view == null ? "" : view.subjectId());
        data.put("platformId", view == null ? "" : view.platformId());
        data.put("kind", view == null ? "" : view.kind());
        data.put("level", view == null ? "" : Integer.toString(view.level()));
        data.put("severity", view == null || view.severity() == null ? "" : view.severity());
        data.put("state", view == null || view.state() == null ? "" : view.state());
        data.put("contact", claims == null ? "" : claims.contactId());
        Optional<Ack> ack = view == null ? Optional.empty() : view.ack();
        data.put("ackedBy", ack.map(Ack::by).orElse(""));
        data.put("ackedAt", ack.map(a -> a.at().toString()).orElse(""));
        data.put("ackedVia", ack.map(Ack::via).orElse(""));
        data.put("showForm", form);
        data.put("action", token == null ? "" : "/ack/" + token);
        return page.data(data).render();
    }
}
