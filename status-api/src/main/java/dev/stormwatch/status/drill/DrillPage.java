package dev.stormwatch.status.drill;

import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dashboard's drill report page: the same document as the download, with a link back and a download link. A browser
 * opens it from the dashboard with its session cookie.
 */
@Path("/drills")
@Tag(name = "drills", description = "DR drills: rehearse the plan and measure every step")
public class DrillPage {

    private final DrillView drills;
    private final DrillDocuments documents;

    public DrillPage(DrillView drills, DrillDocuments documents) {
        this.drills = drills;
        this.documents = documents;
    }

    @GET
    @Path("/{drillId}")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(summary = "The drill report page of the dashboard")
    public String page(@PathParam("drillId") String drillId) {
        DrillItem drill = drills.drill(drillId).orElseThrow(() -> ApiError.notFound("no drill '" + drillId + "'"));
        return documents.html(drill, true);
    }
}
