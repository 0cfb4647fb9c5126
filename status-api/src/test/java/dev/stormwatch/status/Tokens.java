package dev.stormwatch.status;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Entra-ID-shaped access tokens (app roles in the {@code roles} claim) issued by the test OIDC server: signed with the
 * key behind its published key set ({@code privateKey.jwk} of quarkus-test-oidc-server, key id 1), with its issuer and
 * the audience status-api's test profile expects.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "api://stormwatch-status-api-test";
    /** The dashboard's client id in the test profile: the audience of ID tokens. */
    public static final String CLIENT_ID = "stormwatch-dashboard-test";

    static final String KEY = "privateKey.jwk";
    static final String KEY_ID = "1";

    private Tokens() {}

    /** A valid access token for {@code user} with {@code roles} in the {@code roles} claim. */
    public static String of(String user, String... roles) {
        return sign(ISSUER, AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    public static String withIssuer(String issuer, String user, String... roles) {
        return sign(issuer, AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    public static String withAudience(String audience, String user, String... roles) {
        return sign(ISSUER, audience, user, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    public static String expired(String user, String... roles) {
        return sign(ISSUER, AUDIENCE, user, Instant.now().minus(Duration.ofMinutes(10)), roles);
    }

    /**
     * An ID token as Entra ID gives the dashboard after sign-in: audience the client id, app roles in {@code roles}.
     */
    public static String idToken(String user, String... roles) {
        return sign(ISSUER, CLIENT_ID, user, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    /** Signed by a key the OIDC server does not publish, under the key id it does. */
    public static String forged(String user, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey other = generator.generateKeyPair().getPrivate();
            return claims(ISSUER, AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)), roles)
                    .jws()
                    .keyId(KEY_ID)
                    .sign(other);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String audience, String user, Instant expires, String... roles) {
        return claims(issuer, audience, user, expires, roles)
                .jws()
                .keyId(KEY_ID)
                .sign(KEY);
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(
            String issuer, String audience, String user, Instant expires, String... roles) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .upn(user)
                .preferredUserName(user)
                .subject("sub-" + user)
                .claim("roles", List.of(roles))
                .issuedAt(expires.minus(Duration.ofMinutes(20)))
                .expiresAt(expires);
    }
}
