package dev.stormwatch.status.drill;

import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dashboard's DR run report page: the same document as the download, with a link back and a download link. */
@Path("/runs")
@Tag(name = "runs", description = "Real DR runs: the recovery as it ran, against the RTO")
public class RunPage {

    private final DrillView drills;
    private final DrillDocuments documents;

    public RunPage(DrillView drills, DrillDocuments documents) {
        this.drills = drills;
        this.documents = documents;
    }

    @GET
    @Path("/{runId}")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "The DR run report page of the dashboard")
    public String page(@PathParam("runId") String runId) {
        return documents.html(RunResource.find(drills, runId), true);
    }
}
