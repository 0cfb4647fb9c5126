package dev.stormwatch.ingest.webhook;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.ingest.config.IngestConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may post to the ingest endpoints: a sender that knows the shared secret (query {@code token} or header
 * {@code X-Stormwatch-Token}, compared in constant time over SHA-256 digests so that neither content nor length leaks),
 * or one with an Entra ID bearer token that quarkus-smallrye-jwt validated (signature against the tenant's JWKS,
 * issuer, audience), whose issuer is the configured tenant's, and which carries the secure webhook's app role or comes
 * from an allowed client. Any principal of the tenant can get a token for the audience; only the role (or the client
 * list) says it is Azure Monitor, or a sender the operator chose.
 */
@Singleton
public class IngestAuthenticator {

    public static final String TOKEN_HEADER = "X-Stormwatch-Token";
    public static final String AUTHENTICATION_REQUIRED =
            "authentication required: the shared secret in the 'token' query parameter or the " + TOKEN_HEADER
                    + " header, or an Entra ID bearer token";

    /** Why a request may not post: 401 (no valid credential) or 403 (a valid token of a principal not allowed to). */
    public record Refusal(int status, String message) {}

    private static final Refusal UNAUTHENTICATED = new Refusal(401, AUTHENTICATION_REQUIRED);

    private final Optional<byte[]> secretDigest;
    private final Optional<String> issuer;
    private final String appRole;
    private final Set<String> allowedClients;

    public IngestAuthenticator(IngestConfig config) {
        this.secretDigest =
                config.auth().sharedSecret().filter(s -> !s.isEmpty()).map(IngestAuthenticator::digest);
        this.issuer = config.auth().entraIssuer().filter(s -> !s.isBlank());
        this.appRole = config.auth().appRole();
        this.allowedClients = Set.copyOf(config.auth().allowedClientIds().orElse(List.of()).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
    }

    public boolean allows(String queryToken, String headerToken, SecurityIdentity identity) {
        return refusal(queryToken, headerToken, identity) == null;
    }

    /** Null when the request may post; otherwise the status and message to answer with. */
    public Refusal refusal(String queryToken, String headerToken, SecurityIdentity identity) {
        if (secretDigest.isPresent()) {
            for (String candidate : new String[] {headerToken, queryToken}) {
                if (candidate != null && MessageDigest.isEqual(secretDigest.get(), digest(candidate))) {
                    return null;
                }
            }
        }
        if (issuer.isEmpty()
                || identity == null
                || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !issuer.get().equals(jwt.getIssuer())) {
            return UNAUTHENTICATED;
        }
        if (strings(jwt.getClaim("roles")).contains(appRole)) {
            return null;
        }
        String client = first(strings(jwt.getClaim("appid")), strings(jwt.getClaim("azp")));
        if (client != null && allowedClients.contains(client)) {
            return null;
        }
        return new Refusal(
                403,
                "the Entra ID token of client '" + (client == null ? "(none)" : client) + "' has neither the app role '"
                        + appRole + "' nor a client id listed in stormwatch.ingest.auth.allowed-client-ids");
    }

    private static String first(List<String> a, List<String> b) {
        return !a.isEmpty() ? a.get(0) : !b.isEmpty() ? b.get(0) : null;
    }

    /** A claim as strings, whichever JSON or Java shape the token library hands it over in. */
    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof JsonArray array) {
            return array.stream().map(IngestAuthenticator::text).toList();
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(IngestAuthenticator::text).toList();
        }
        return List.of(text(claim));
    }

    private static String text(Object v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonValue j) {
            return j.toString();
        }
        return String.valueOf(v);
    }

    private static byte[] digest(String s) {
        return ContentHash.sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
