package dev.stormwatch.status.subscription;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a delivery: {@code X-Stormwatch-Signature: sha256=<hex HMAC-SHA256(secret, body)>} over the exact
 * body bytes. A receiver recomputes it with the shared secret and compares in constant time; it de-duplicates on the
 * CloudEvent id, since a delivery can be repeated after a restart.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Stormwatch-Signature";

    private WebhookSignature() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
