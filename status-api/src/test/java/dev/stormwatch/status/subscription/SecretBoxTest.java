package dev.stormwatch.status.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.status.StatusApiConfig;
import org.junit.jupiter.api.Test;

/** Subscription secrets are stored AES-GCM sealed, bound to their subscription. */
class SecretBoxTest {

    private static final String OTHER_KEY = "b3RoZXItMzItYnl0ZS1rZXktZm9yLXRoZS10ZXN0cyE=";
    private final SecretBox box = new SecretBox(StatusApiConfig.LOCAL_SECRET_KEY);

    @Test
    void sealedSecretOpensForItsSubscriptionOnlyAndNeverShowsThePlainText() {
        String sealed = box.seal("sub-1", "s3cret-shared-with-finance");

        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("s3cret"));
        assertEquals("s3cret-shared-with-finance", box.open("sub-1", sealed));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> box.open("sub-2", sealed));
        assertEquals(
                "the secret of subscription sub-2 cannot be decrypted: was "
                        + "stormwatch.status-api.subscriptions.secret-key changed?",
                e.getMessage());
    }

    @Test
    void everySealingUsesAFreshIvAndAnotherKeyCannotOpenIt() {
        String a = box.seal("sub-1", "same-secret-0123456789");
        String b = box.seal("sub-1", "same-secret-0123456789");

        assertNotEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(OTHER_KEY).open("sub-1", a));
    }

    @Test
    void aKeyOfTheWrongLengthIsRejectedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SecretBox("c2hvcnQ="));
        assertEquals("stormwatch.status-api.subscriptions.secret-key must be 32 bytes (base64), was 5", e.getMessage());
    }
}
