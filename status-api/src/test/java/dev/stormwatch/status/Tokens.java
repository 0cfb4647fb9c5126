package dev.stormwatch.status;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Entra-ID-shaped access tokens signed with the key behind {@link JwksTestResource}'s JWKS. */
public final class Tokens {

    private Tokens() {
    }

    /** A valid token for {@code user} with {@code roles} in the {@code roles} claim. */
    public static String of(String user, String... roles) {
        return sign(JwksTestResource.ISSUER, JwksTestResource.AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)),
                privateKey(), roles);
    }

    public static String withIssuer(String issuer, String user, String... roles) {
        return sign(issuer, JwksTestResource.AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)), privateKey(), roles);
    }

    public static String withAudience(String audience, String user, String... roles) {
        return sign(JwksTestResource.ISSUER, audience, user, Instant.now().plus(Duration.ofMinutes(10)), privateKey(), roles);
    }

    public static String expired(String user, String... roles) {
        return sign(JwksTestResource.ISSUER, JwksTestResource.AUDIENCE, user, Instant.now().minus(Duration.ofMinutes(10)),
                privateKey(), roles);
    }

    /** Signed by a key the JWKS does not hold, under the JWKS's key id. */
    public static String forged(String user, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(JwksTestResource.ISSUER, JwksTestResource.AUDIENCE, user, Instant.now().plus(Duration.ofMinutes(10)),
                    generator.generateKeyPair().getPrivate(), roles);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String audience, String user, Instant expires, PrivateKey key, String... roles) {
        return Jwt.issuer(issuer).audience(audience).upn(user).claim("roles", List.of(roles))
                .issuedAt(expires.minus(Duration.ofMinutes(20))).expiresAt(expires)
                .jws().keyId(JwksTestResource.KEY_ID).sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(JwksTestResource.PRIVATE_KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
