package dev.stormwatch.status.security;

import dev.stormwatch.status.StatusApiConfig;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entra ID as two OIDC tenants built from {@code stormwatch.status-api.entra.*}, chosen per request:
 *
 * <ul>
 *   <li>{@value #API}: a bearer-token service for the REST API. The issuer and signing keys come from the tenant's
 *       discovery document; a token signed with a key not yet known makes Quarkus fetch the key set again, which is how
 *       Entra ID's key rotation is followed. Roles are the app roles in the access token's {@code roles} claim.
 *   <li>{@value #DASHBOARD}: the dashboard as a web app, authorization code flow with PKCE, tokens kept in an encrypted
 *       session cookie, logout at {@value SignInResource#SIGN_OUT} through Entra ID. Roles are the app roles in the ID
 *       token.
 * </ul>
 *
 * Two tenants rather than one {@code hybrid} tenant: a hybrid tenant treats every request without a bearer token as a
 * browser and answers it with a redirect to Entra ID, so an API client without credentials would get a 302 where it
 * expects a 401. Here a request is the dashboard's only when it carries the dashboard's session (or sign-in state)
 * cookie, or opens the sign-in path; everything else is the API's, and a bearer token always is. Without a tenant id,
 * no tenant is resolved (the default one stays disabled) and the API keys are the only way in.
 */
@ApplicationScoped
public class EntraTenants implements TenantConfigResolver {

    static final String API = "entra-api";
    static final String DASHBOARD = "dashboard";
    private static final String SESSION_COOKIE = "q_session_" + DASHBOARD;
    private static final String STATE_COOKIE = "q_auth_" + DASHBOARD;

    private final OidcTenantConfig api;
    private final OidcTenantConfig dashboard;

    public EntraTenants(StatusApiConfig config) {
        StatusApiConfig.Entra entra = config.entra();
        Optional<String> authority = entra.tenantId().isPresent() ? entra.authority() : Optional.empty();
        this.api = authority
                .map(url -> OidcTenantConfig.authServerUrl(url)
                        .tenantId(API)
                        .applicationType(ApplicationType.SERVICE)
                        .token()
                        .audience(audiences(entra))
                        .end()
                        .roles(Source.accesstoken, "roles")
                        .build())
                .orElse(null);
        this.dashboard = authority.isPresent()
                        && entra.clientId().isPresent()
                        && entra.clientSecret().isPresent()
                ? OidcTenantConfig.authServerUrl(authority.get())
                        .tenantId(DASHBOARD)
                        .applicationType(ApplicationType.WEB_APP)
                        .clientId(entra.clientId().get())
                        .credentials(entra.clientSecret().get())
                        .roles(Source.idtoken, "roles")
                        .authentication()
                        .pkceRequired()
                        .scopes("profile")
                        .redirectPath(SignInResource.ENTRA)
                        .restorePathAfterRedirect()
                        // The dashboard's own requests get 499 instead of a redirect they could not follow.
                        .javaScriptAutoRedirect(false)
                        .end()
                        .logout()
                        .path(SignInResource.SIGN_OUT)
                        .postLogoutPath(SignInResource.SIGN_IN)
                        .end()
                        .build()
                : null;
    }

    /** The configured audiences, and the client id: Entra ID's v2 access tokens for an API carry its client id. */
    private static List<String> audiences(StatusApiConfig.Entra entra) {
        List<String> audiences = new ArrayList<>(entra.audience());
        entra.clientId().filter(id -> !audiences.contains(id)).ifPresent(audiences::add);
        return audiences;
    }

    /** The dashboard can sign in with Entra ID. */
    public boolean dashboardSignIn() {
        return dashboard != null;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (api == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(dashboard != null && isDashboard(context) ? dashboard : api);
    }

    private static boolean isDashboard(RoutingContext context) {
        if (context.request().getHeader("Authorization") != null) {
            return false;
        }
        String path = context.normalizedPath();
        if (path.equals(SignInResource.ENTRA)) {
            return true;
        }
        for (String name : context.request().cookieMap().keySet()) {
            if (name.startsWith(SESSION_COOKIE) || name.startsWith(STATE_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
