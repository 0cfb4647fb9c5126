package dev.stormwatch.notifier.channel.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The generic webhook's signature: HMAC-SHA256 over {@code timestamp + "." + body}, sent as
 * {@code X-Stormwatch-Signature: sha256=<hex>} with {@code X-Stormwatch-Timestamp: <unix seconds>}. Signing the
 * timestamp lets a receiver refuse an old request replayed at it.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Stormwatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-Stormwatch-Timestamp";
    public static final String DELIVERY_HEADER = "X-Stormwatch-Delivery-Id";
    public static final String ATTEMPT_HEADER = "X-Stormwatch-Attempt";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /** Constant-time comparison, as a receiver should do it. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }
}
