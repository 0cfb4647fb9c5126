package dev.stormwatch.status.subscription;

import dev.stormwatch.status.StatusApiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Encrypts subscription secrets before they go to Kafka: AES-256-GCM with the configured key, a random 96-bit IV per
 * secret, and the subscription id as associated data, so that a ciphertext copied onto another subscription does not
 * decrypt. Stored as {@code v1:<base64(iv || ciphertext+tag)>}.
 */
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final boolean localKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretBox(StatusApiConfig config) {
        this(config.subscriptions().secretKey());
    }

    /** A box with the given AES-256 key (base64). */
    SecretBox(String configured) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stormwatch.status-api.subscriptions.secret-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "stormwatch.status-api.subscriptions.secret-key must be 32 bytes (base64), was " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.localKey = StatusApiConfig.LOCAL_SECRET_KEY.equals(configured);
    }

    void warn(@Observes StartupEvent event) {
        if (localKey) {
            LOG.warn("subscription secrets are encrypted with the local run's built-in key; set "
                    + "stormwatch.status-api.subscriptions.secret-key (32 random bytes, base64) in any real "
                    + "deployment");
        }
    }

    public String seal(String subscriptionId, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** The secret; fails when the key changed or the ciphertext belongs to another subscription. */
    public String open(String subscriptionId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("subscription " + subscriptionId + " has no sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret of subscription " + subscriptionId
                    + " cannot be decrypted: was stormwatch.status-api.subscriptions.secret-key changed?");
        }
    }
}
