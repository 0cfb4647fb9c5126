package dev.stormwatch.contracts.action;

import dev.stormwatch.contracts.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an automation target reports an automated step's outcome: {@code POST /api/v1/step-callbacks/{key}} on status-api
 * with a JSON {@link Body}, signed as the notifier's webhooks are ({@code X-Stormwatch-Timestamp},
 * {@code X-Stormwatch-Signature: sha256=HMAC(key, timestamp + "." + body)}), where the key is the call's own callback
 * key: HMAC-SHA256 of the idempotency key under the secret status-api and the notifier share. The target receives that
 * key with the call, so it can sign the outcome of that one step and nothing else.
 */
public final class StepCallback {

    /** The header that carries the idempotency key on every call (also in the body). */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /**
     * The outcome a target reports.
     *
     * @param status {@code succeeded} or {@code failed}
     * @param evidence what shows it (run link, log excerpt, data timestamp); recorded as the step's evidence
     * @param detail why it failed, or anything else worth recording
     */
    public record Body(String status, String evidence, String detail) {}

    private StepCallback() {}

    /** The callback key of the call with {@code idempotencyKey}: hex HMAC-SHA256 under {@code sharedSecret}. */
    public static String callbackKey(String sharedSecret, String idempotencyKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(("step-callback:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }

    /** The signature header value for {@code body} sent at {@code timestamp} by the holder of {@code callbackKey}. */
    public static String sign(String callbackKey, long timestamp, String body) {
        return WebhookSignature.sign(callbackKey, timestamp, body);
    }

    /**
     * True when {@code signature} signs {@code body} at {@code timestamp} with the callback key of
     * {@code idempotencyKey}.
     */
    public static boolean verify(
            String sharedSecret, String idempotencyKey, String timestamp, byte[] body, String signature) {
        return WebhookSignature.verify(callbackKey(sharedSecret, idempotencyKey), timestamp, body, signature);
    }
}
