package dev.stormwatch.ingest.webhook;

import dev.stormwatch.ingest.config.IngestConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may post to the ingest endpoints: a sender that knows the shared secret (query {@code token} or header
 * {@code X-Stormwatch-Token}, compared in constant time over SHA-256 digests so that neither content nor length leaks),
 * or one with an Entra ID bearer token that quarkus-smallrye-jwt validated (signature against the tenant's JWKS,
 * issuer, audience) and whose issuer is the configured tenant's.
 */
@Singleton
public class IngestAuthenticator {

    public static final String TOKEN_HEADER = "X-Stormwatch-Token";

    private final Optional<byte[]> secretDigest;
    private final Optional<String> issuer;

    public IngestAuthenticator(IngestConfig config) {
        this.secretDigest = config.auth().sharedSecret().filter(s -> !s.isEmpty()).map(IngestAuthenticator::digest);
        this.issuer = config.auth().entraIssuer().filter(s -> !s.isBlank());
    }

    public boolean allows(String queryToken, String headerToken, SecurityIdentity identity) {
        if (secretDigest.isPresent()) {
            for (String candidate : new String[] { headerToken, queryToken }) {
                if (candidate != null && MessageDigest.isEqual(secretDigest.get(), digest(candidate))) {
                    return true;
                }
            }
        }
        if (issuer.isPresent() && identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
            return issuer.get().equals(jwt.getIssuer());
        }
        return false;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
