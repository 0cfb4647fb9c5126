package dev.stormwatch.contracts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How every webhook Stormwatch sends is signed — pages from the notifier and downstream deliveries from status-api — so
 * that a receiver verifies both the same way: {@code X-Stormwatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp
 * + "." + body)>} with {@code X-Stormwatch-Timestamp: <unix seconds>}. Signing the timestamp lets a receiver refuse an
 * old request replayed at it; it compares in constant time and de-duplicates on the CloudEvent id.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Stormwatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-Stormwatch-Timestamp";
    public static final String DELIVERY_HEADER = "X-Stormwatch-Delivery-Id";
    public static final String ATTEMPT_HEADER = "X-Stormwatch-Attempt";

    private static final byte[] DOT = {'.'};

    private WebhookSignature() {}

    /** The {@code X-Stormwatch-Signature} value for {@code body} sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            mac.update(DOT);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }

    public static String sign(String secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the headers sign exactly {@code body} with {@code secret}; false for anything missing or malformed. */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (secret == null || timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        return body != null && verify(secret, timestampHeader, body.getBytes(StandardCharsets.UTF_8), signatureHeader);
    }
}
