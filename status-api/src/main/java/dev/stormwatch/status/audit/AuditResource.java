package dev.stormwatch.status.audit;

import dev.stormwatch.status.Queries;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The evidence trail of every service. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "The evidence trail")
public class AuditResource {

    private final AuditView audit;

    public AuditResource(AuditView audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "Audit records, oldest first (the last `limit` of them)")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<AuditEntry> list(@Parameter(description = "Platform id") @QueryParam("platform") String platform,
            @Parameter(description = "Subject id: incident, decision, page, handover, platform") @QueryParam("subject") String subject,
            @Parameter(description = "At or after this instant (ISO-8601)") @QueryParam("since") String since,
            @Parameter(description = "At most this many, the newest (1–10000, default 500)") @QueryParam("limit") Integer limit) {
        Queries q = new Queries();
        Instant from = q.instant("since", since);
        int max = q.limit("limit", limit, 500, 10_000);
        q.check();
        List<AuditEntry> found = audit.matching(e -> (platform == null || platform.equals(e.platformId()))
                        && (subject == null || subject.equals(e.subjectId()))
                        && (from == null || (e.at() != null && !e.at().isBefore(from))))
                .stream().sorted(Comparator.comparing(AuditEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        return found.size() <= max ? found : found.subList(found.size() - max, found.size());
    }
}
