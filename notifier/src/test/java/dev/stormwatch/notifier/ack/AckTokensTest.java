package dev.stormwatch.notifier.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Acknowledge tokens: what they carry, and which ones are refused. */
class AckTokensTest {

    static final Instant NOW = Instant.parse("2026-06-09T00:00:00Z");
    final AckTokens tokens = new AckTokens("unit-test-ack-secret-01234");
    final AckClaims claims = new AckClaims("inc-1.l2.r0", "contoso", "priya", NOW.plusSeconds(3600), "nonce-1");

    @Test
    void aTokenItIssuedVerifiesUntilItExpires() {
        String token = tokens.issue(claims);
        assertEquals(new AckTokens.Valid(claims), tokens.verify(token, NOW));
        assertEquals(new AckTokens.Valid(claims), tokens.verify(token, NOW.plusSeconds(3599)));
        assertEquals(new AckTokens.Expired(claims), tokens.verify(token, NOW.plusSeconds(3600)));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsForged() {
        String token = new AckTokens("another-secret-0123456789").issue(claims);
        assertEquals(
                new AckTokens.Forged(
                        "the signature does not match: this link was not issued by this notifier or was" + " altered"),
                tokens.verify(token, NOW));
    }

    @Test
    void changingTheClaimsBreaksTheSignature() {
        String token = tokens.issue(claims);
        String signature = token.substring(token.indexOf('.'));
        String otherPage = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        "{\"p\":\"inc-1.l1.r0\",\"pl\":\"contoso\",\"c\":\"priya\",\"e\":9999999999,\"n\":\"nonce-1\"}"
                                .getBytes());
        assertInstanceOf(AckTokens.Forged.class, tokens.verify(otherPage + signature, NOW));
    }

    @Test
    void garbageIsForged() {
        assertInstanceOf(AckTokens.Forged.class, tokens.verify("not-a-token", NOW));
        assertInstanceOf(AckTokens.Forged.class, tokens.verify("a.b.c", NOW));
        assertInstanceOf(AckTokens.Forged.class, tokens.verify("!!!.???", NOW));
        assertInstanceOf(AckTokens.Forged.class, tokens.verify(null, NOW));
        assertInstanceOf(AckTokens.Forged.class, tokens.verify("x".repeat(5000), NOW));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AckTokens("short"));
    }
}
