package dev.stormwatch.notifier.channel.webhook;

import static dev.stormwatch.notifier.channel.ChannelFixtures.outgoing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.notifier.channel.ChannelFixtures;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.testsupport.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic webhook against a receiver that verifies its HMAC-SHA256 signature over timestamp + "." + body. */
class WebhookChannelTest {

    static WebhookReceiver receiver;
    static HttpSender http;
    static final java.time.Instant sentAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final Map<String, String> SECRETS = Map.of("HOOK_SECRET", "s3cret-for-the-receiver");

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver("s3cret-for-the-receiver");
        http = new HttpSender(Duration.ofSeconds(2), ChannelFixtures.loopbackAllowed());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        http.close();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
        receiver.answer(200);
    }

    ChannelResult send(String secretRef, Map<String, String> secrets) throws Exception {
        WebhookChannel channel = new WebhookChannel(http, ref -> Optional.ofNullable(secrets.get(ref)));
        return channel.send(outgoing("webhook", receiver.url("/inbox/alex"), secretRef, sentAt))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSignedCloudEventArrivesAndVerifies() throws Exception {
        assertEquals(ChannelResult.delivered("HTTP 200"), send("HOOK_SECRET", SECRETS));
        WebhookReceiver.Delivery r = receiver.deliveries().get(0);
        assertTrue(r.verified(), "the receiver verified the signature");
        assertEquals("d-0123456789abcdef01234567", r.deliveryId());
        assertEquals(Long.toString(sentAt.getEpochSecond()), r.timestamp());
        assertEquals(
                WebhookSignature.sign("s3cret-for-the-receiver", sentAt.getEpochSecond(), r.body()), r.signature());
        JsonNode event = JsonCodec.mapper().readTree(r.body());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(WebhookChannel.EVENT_TYPE, event.path("type").asText());
        assertEquals("/stormwatch/notifier", event.path("source").asText());
        assertEquals("inc-42.l1.r0", event.path("subject").asText());
        JsonNode item = event.path("data").path("items").get(0);
        assertEquals("incident-opened", item.path("kind").asText());
        assertEquals("inc-42.l1.r0", item.path("pageId").asText());
        assertEquals(ChannelFixtures.ACK_URL, item.path("ackUrl").asText());
        assertEquals(
                "ADLS raw zone, Databricks workspace",
                item.path("facts").path("Impacted components").asText());
        assertEquals("australiaeast", item.path("facts").path("Region").asText());
        assertEquals("alex", event.path("data").path("contact").path("id").asText());
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRejectedByTheReceiver() throws Exception {
        ChannelResult result = send("HOOK_SECRET", Map.of("HOOK_SECRET", "not-the-receivers-secret"));
        assertFalse(receiver.deliveries().get(0).verified());
        assertEquals(ChannelResult.refused("HTTP 401: bad signature"), result);
    }

    @Test
    void withoutItsSecretTheWebhookIsNotCalled() throws Exception {
        ChannelResult result = send("MISSING_SECRET", SECRETS);
        assertEquals(
                ChannelResult.refused("secret MISSING_SECRET is not configured (environment or configuration):"
                        + " refusing to send unsigned"),
                result);
        assertEquals(0, receiver.deliveries().size());
    }

    @Test
    void theSignatureCoversTheTimestamp() {
        String body = "{\"a\":1}";
        String sig = WebhookSignature.sign("k", 1000, body);
        assertTrue(WebhookSignature.verify("k", "1000", body, sig));
        assertFalse(WebhookSignature.verify("k", "1001", body, sig), "a replay with a new timestamp does not verify");
        assertFalse(WebhookSignature.verify("k", "1000", body + " ", sig));
    }
}
