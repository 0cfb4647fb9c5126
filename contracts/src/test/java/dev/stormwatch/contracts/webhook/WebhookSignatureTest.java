package dev.stormwatch.contracts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String BODY = "{\"id\":\"ce-1\",\"type\":\"dev.stormwatch.handover.v1\"}";

    @Test
    void signsTimestampDotBodyAsTheReceiversDocumentationSays() {
        // Reference value: printf '1700000000.%s' "$BODY" | openssl dgst -sha256 -hmac s3cret
        assertEquals(
                "sha256=86584c734bda2beb3dc54e528f0ccf32e8fc5428834180b2c1e1eadac72288d4",
                WebhookSignature.sign("s3cret", 1_700_000_000L, BODY));
    }

    @Test
    void verifiesOnlyTheExactBodyTimestampAndSecret() {
        String signature = WebhookSignature.sign("s3cret", 1_700_000_000L, BODY);
        assertTrue(WebhookSignature.verify("s3cret", "1700000000", BODY, signature));
        assertFalse(WebhookSignature.verify("s3cret", "1700000001", BODY, signature), "replayed with a new timestamp");
        assertFalse(WebhookSignature.verify("s3cret", "1700000000", BODY + " ", signature), "body changed");
        assertFalse(WebhookSignature.verify("other", "1700000000", BODY, signature), "wrong secret");
        assertFalse(WebhookSignature.verify("s3cret", "not-a-number", BODY, signature));
        assertFalse(WebhookSignature.verify("s3cret", null, BODY, signature));
        assertFalse(WebhookSignature.verify("s3cret", "1700000000", BODY, null));
    }
}
