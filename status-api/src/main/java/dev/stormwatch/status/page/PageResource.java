package dev.stormwatch.status.page;

import dev.stormwatch.status.Actors;
import dev.stormwatch.status.Queries;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pages: who was paged, when, on which channel, who acknowledged; acknowledging through the notifier. */
@Path("/api/v1/pages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "pages", description = "Pages and acknowledgements")
public class PageResource {

    private final PageView pages;
    private final NotifierClient notifier;
    private final SecurityIdentity identity;

    public PageResource(PageView pages, NotifierClient notifier, SecurityIdentity identity) {
        this.pages = pages;
        this.notifier = notifier;
        this.identity = identity;
    }

    /** What an acknowledgement through the dashboard answers. */
    @Schema(description = "An acknowledgement forwarded to the notifier")
    public record Acknowledged(String pageId, String by, String via) {}

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Pages, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The pages",
            content = @Content(schema = @Schema(implementation = Page.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "Bad filter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<Page> list(
            @Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "Incident or decision id") @QueryParam("subject") String subject,
            @Parameter(description = "true: acknowledged only; false: unacknowledged only") @QueryParam("acknowledged")
                    Boolean acknowledged,
            @Parameter(description = "First attempt at or after this instant (ISO-8601)") @QueryParam("since")
                    String since) {
        Queries q = new Queries();
        Instant from = q.instant("since", since);
        q.check();
        return pages.all().stream()
                .filter(p -> platform == null || platform.equals(p.platformId()))
                .filter(p -> subject == null || subject.equals(p.subjectId()))
                .filter(p -> acknowledged == null || acknowledged == (p.acknowledged() != null))
                .filter(p -> from == null
                        || (p.firstAttemptAt() != null && !p.firstAttemptAt().isBefore(from)))
                .sorted(Comparator.comparing(Page::firstAttemptAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    @GET
    @Path("/{pageId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "One page with every delivery attempt and its acknowledgement")
    @APIResponse(
            responseCode = "200",
            description = "The page",
            content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown page",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Page one(@PathParam("pageId") String pageId) {
        return pages.page(pageId).orElseThrow(() -> ApiError.notFound("no page '" + pageId + "'"));
    }

    @POST
    @Path("/{pageId}/ack")
    @RolesAllowed({Roles.RESPONDER, Roles.DR_LEAD})
    @Operation(
            summary = "Acknowledge a page",
            description = "Forwarded to the notifier's internal API, which writes the Ack to acks.v1 and stops the "
                    + "escalation.")
    @APIResponse(
            responseCode = "202",
            description = "Acknowledged",
            content = @Content(schema = @Schema(implementation = Acknowledged.class)))
    @APIResponse(
            responseCode = "404",
            description = "The notifier knows no such page",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already acknowledged",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "502",
            description = "The notifier could not be reached or failed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response acknowledge(@PathParam("pageId") String pageId) {
        String by = Actors.name(identity);
        return switch (notifier.acknowledge(pageId, by)) {
            case ACKNOWLEDGED ->
                Response.accepted(new Acknowledged(pageId, by, "dashboard"))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .build();
            case UNKNOWN_PAGE -> throw ApiError.notFound("the notifier knows no page '" + pageId + "'");
            case ALREADY_ACKNOWLEDGED ->
                throw ApiError.conflict("page '" + pageId + "' is already acknowledged"
                        + pages.page(pageId)
                                .map(Page::acknowledged)
                                .map(a -> " by " + a.by() + " at " + a.at())
                                .orElse(""));
        };
    }
}
