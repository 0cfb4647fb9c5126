package dev.stormwatch.status.audit;

import dev.stormwatch.status.Queries;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.readmodel.RecentWindow;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The evidence trail of every service, served a page at a time from the recent window status-api holds. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "The evidence trail")
public class AuditResource {

    /** Response header with the cursor of the next (older) page; absent on the last page. */
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private static final int DEFAULT_PAGE = 200;

    private final AuditView audit;
    private final int maxPageSize;

    public AuditResource(AuditView audit, StatusApiConfig config) {
        this.audit = audit;
        this.maxPageSize = config.audit().maxPageSize();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(
            summary = "Audit records, a page at a time: the newest `limit` (older than `before`), oldest first",
            description = "Pages go from the newest record back: each page but the last names the next in the "
                    + NEXT_CURSOR
                    + " header and a Link header with rel=\"next\". Only the recent window status-api holds is "
                    + "served (stormwatch.status-api.audit.window and max-entries); the whole trail stays on audit.v1.")
    @APIResponse(
            responseCode = "200",
            description = "One page of records, in the order they were written",
            headers = {
                @Header(
                        name = NEXT_CURSOR,
                        description = "Cursor of the next, older page; absent on the last page",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Link",
                        description = "URL of the next, older page, rel=\"next\"",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "Bad filter, page size or cursor",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response list(
            @Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "Subject id: incident, decision, page, handover, platform") @QueryParam("subject")
                    String subject,
            @Parameter(description = "At or after this instant (ISO-8601)") @QueryParam("since") String since,
            @Parameter(
                            description = "Page size, 1 to the maximum page size "
                                    + "(stormwatch.status-api.audit.max-page-size, default 1000); default 200")
                    @QueryParam("limit")
                    Integer limit,
            @Parameter(description = "Cursor from the " + NEXT_CURSOR + " header of the previous page")
                    @QueryParam("before")
                    String before,
            @Context UriInfo uri) {
        Queries q = new Queries();
        Instant from = q.instant("since", since);
        int max = q.limit("limit", limit, Math.min(DEFAULT_PAGE, maxPageSize), maxPageSize);
        RecentWindow.Position cursor = null;
        if (before != null) {
            cursor = RecentWindow.Position.ofCursor(before).orElse(null);
            if (cursor == null) {
                q.problem(
                        "before",
                        "'" + before + "' is not a cursor this API gave out; use the " + NEXT_CURSOR
                                + " header of a page");
            }
        }
        q.check();
        RecentWindow.Page<AuditEntry> page = audit.page(
                e -> (platform == null || platform.equals(e.platformId()))
                        && (subject == null || subject.equals(e.subjectId()))
                        && (from == null || (e.at() != null && !e.at().isBefore(from))),
                cursor,
                max);
        Response.ResponseBuilder ok = Response.ok(page.items());
        page.older().ifPresent(next -> {
            URI link = uri.getRequestUriBuilder()
                    .replaceQueryParam("before", next.cursor())
                    .build();
            ok.header(NEXT_CURSOR, next.cursor()).link(link, "next");
        });
        return ok.build();
    }
}
