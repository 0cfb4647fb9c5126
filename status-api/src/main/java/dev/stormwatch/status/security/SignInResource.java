package dev.stormwatch.status.security;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * How a browser signs in to the dashboard: with Entra ID (authorization code flow, when configured) or with an API key
 * posted in a form (the embedded default). Either way the browser then holds an HttpOnly session cookie and no
 * credential ever travels in a URL. Pages for people, not API operations: hidden from the OpenAPI document.
 */
@Path("/")
public class SignInResource {

    public static final String SIGN_IN = "/sign-in";
    public static final String ENTRA = "/sign-in/entra";
    public static final String SIGN_OUT = "/sign-out";
    /** Where the form posts the key (Quarkus form authentication): 200 with the session cookie, or 401. */
    static final String KEY_POST = "/sign-in/key";
    /** Quarkus form authentication's session cookie. */
    static final String SESSION_COOKIE = "stormwatch-session";

    private final Template page;
    private final EntraTenants entra;
    private final ApiKeys keys;
    private final SecurityIdentity identity;

    public SignInResource(
            @Location("sign-in.html") Template page, EntraTenants entra, ApiKeys keys, SecurityIdentity identity) {
        this.page = page;
        this.entra = entra;
        this.keys = keys;
        this.identity = identity;
    }

    /** The sign-in page; {@code then} is the dashboard address to return to (a path on this server). */
    @GET
    @Path(SIGN_IN)
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signIn(@QueryParam("then") String then) {
        String back = local(then);
        String html = page.data("entra", entra.dashboardSignIn())
                .data("keys", keys.any())
                .data("entraHref", ENTRA + "?then=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
                .data("keyPost", KEY_POST)
                .data("then", back)
                .data(
                        "signedInAs",
                        identity.isAnonymous() ? null : identity.getPrincipal().getName())
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Entra ID's sign-in lands here (the redirect URI to register); by now the session cookie is set. */
    @GET
    @Path(ENTRA)
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN})
    @Operation(hidden = true)
    public Response entra(@QueryParam("then") String then) {
        return Response.seeOther(URI.create(local(then))).build();
    }

    /**
     * Signs out of an API-key session. An Entra ID session never gets here: the dashboard tenant's logout takes this
     * path first, ends the session and sends the browser through Entra ID's sign-out back to the sign-in page.
     */
    @GET
    @Path(SIGN_OUT)
    @PermitAll
    @Operation(hidden = true)
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(SESSION_COOKIE)
                .value("")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .build();
        return Response.seeOther(URI.create(SIGN_IN)).cookie(gone).build();
    }

    /** Only a path on this server: never another site (an open redirect), and "/" when absent. */
    static String local(String then) {
        if (then == null || !then.startsWith("/") || then.startsWith("//") || then.startsWith("/\\")) {
            return "/";
        }
        return then;
    }
}
