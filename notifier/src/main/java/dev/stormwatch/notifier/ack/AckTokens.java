package dev.stormwatch.notifier.ack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring acknowledge tokens: {@code base64url(claims JSON) + "." + base64url(HMAC-SHA256(secret, claims))}.
 * Anyone holding a link can acknowledge that one page (as with every paging product's links), nobody can make a link
 * for another page or stretch its expiry without the secret, and a used link is refused because its page is
 * acknowledged already (state kept in Kafka, so that holds across restarts).
 */
public final class AckTokens {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final byte[] secret;

    public AckTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("stormwatch.notifier.ack.secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The outcome of checking a token. */
    public sealed interface Check permits Valid, Forged, Expired {}

    public record Valid(AckClaims claims) implements Check {}

    public record Forged(String reason) implements Check {}

    public record Expired(AckClaims claims) implements Check {}

    public String issue(AckClaims claims) {
        ObjectNode json = JsonCodec.mapper().createObjectNode();
        json.put("p", claims.pageId());
        json.put("pl", claims.platformId());
        json.put("c", claims.contactId());
        json.put("e", claims.expires().getEpochSecond());
        json.put("n", claims.nonce());
        byte[] payload = JsonCodec.toBytes(json);
        return ENC.encodeToString(payload) + "." + ENC.encodeToString(mac(payload));
    }

    public Check verify(String token, Instant now) {
        if (token == null || token.length() > 4096) {
            return new Forged("not an acknowledge token");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return new Forged("not an acknowledge token");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DEC.decode(token.substring(0, dot));
            signature = DEC.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Forged("not an acknowledge token");
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return new Forged("the signature does not match: this link was not issued by this notifier or was altered");
        }
        AckClaims claims;
        try {
            JsonNode json = JsonCodec.mapper().readTree(payload);
            claims = new AckClaims(
                    text(json, "p"),
                    text(json, "pl"),
                    text(json, "c"),
                    Instant.ofEpochSecond(json.path("e").asLong()),
                    text(json, "n"));
        } catch (IOException e) {
            return new Forged("the token's content is not readable");
        }
        if (claims.pageId() == null || claims.nonce() == null) {
            return new Forged("the token names no page");
        }
        if (!now.isBefore(claims.expires())) {
            return new Expired(claims);
        }
        return new Valid(claims);
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }
}
