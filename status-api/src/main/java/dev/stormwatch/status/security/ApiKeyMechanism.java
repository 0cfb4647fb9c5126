package dev.stormwatch.status.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the embedded default's API key from {@code X-API-Key}. The live stream and the drill report (page and
 * download) also take it as {@code ?key=}, because a browser's EventSource and a plain link cannot send headers; a key
 * in a URL can end up in proxy logs and browser history, so only those GET paths accept it there, and the dashboard's
 * key should be a viewer key.
 */
@Singleton
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    static final String STREAM_PATH = "/api/v1/stream";
    static final Pattern REPORT_PAGE = Pattern.compile("/drills/[^/]+");
    static final Pattern REPORT_DOWNLOAD = Pattern.compile("/api/v1/drills/[^/]+/report\\.html");

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null && acceptsKeyInQuery(context)) {
            key = context.request().getParam("key");
        }
        if (key == null || key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key));
    }

    /**
     * The paths a browser opens without being able to send headers: the live stream (EventSource), the drill report
     * page and its download link. GET only.
     */
    static boolean acceptsKeyInQuery(RoutingContext context) {
        String path = context.normalizedPath();
        return "GET".equals(context.request().method().name()) && (STREAM_PATH.equals(path)
                || REPORT_PAGE.matcher(path).matches() || REPORT_DOWNLOAD.matcher(path).matches());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey header=\"" + HEADER + "\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }
}
