package dev.stormwatch.notifier.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.notifier.channel.slack.SlackChannel;
import dev.stormwatch.notifier.channel.teams.TeamsChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookReceiver;
import dev.stormwatch.notifier.message.MessageRenderer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DR drill page says so in every channel, and a real page never mentions drills: one real and one drill page rendered
 * and delivered to real receivers — the signed webhook to a JDK HTTP server that verifies it, Teams and Slack to
 * WireMock — and both bodies read back as received. Email is covered the same way against GreenMail in
 * NotifierApplicationIT (it needs the Quarkus mailer).
 */
class DrillPagesTest {

    static final String REAL_TITLE = "Incident (sev1), level 1: Storage outage in Australia East";
    static final String REAL_FIRST_LINE =
            "You are paged at escalation level 1 for Contoso Data Platform: Storage outage in" + " Australia East.";

    static WireMockServer server;
    static WebhookReceiver receiver;
    static HttpSender http;

    @BeforeAll
    static void start() throws Exception {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post("/teams/real").willReturn(aResponse().withStatus(200)));
        server.stubFor(post("/teams/drill").willReturn(aResponse().withStatus(200)));
        server.stubFor(post("/slack/real").willReturn(aResponse().withStatus(200)));
        server.stubFor(post("/slack/drill").willReturn(aResponse().withStatus(200)));
        receiver = new WebhookReceiver("drill-test-secret");
        http = new HttpSender(Duration.ofSeconds(20), ChannelFixtures.loopbackAllowed());
    }

    @AfterAll
    static void stop() {
        server.stop();
        receiver.close();
        http.close();
    }

    static void deliver(Channel channel, String url, String secretRef, boolean drill) throws Exception {
        ChannelResult r = channel.send(ChannelFixtures.outgoing(
                        channel.type(), url, secretRef, Instant.now().truncatedTo(ChronoUnit.SECONDS), drill))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertTrue(r.delivered(), channel.type() + (drill ? " drill" : " real") + " page: " + r);
    }

    static String wiremockBody(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).get(0).getBodyAsString();
    }

    static void assertNoDrillWord(String body) {
        assertFalse(body.toLowerCase(Locale.ROOT).contains("drill"), "a real page mentions a drill: " + body);
    }

    static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void signedWebhook() throws Exception {
        WebhookChannel channel = new WebhookChannel(http, ref -> Optional.of("drill-test-secret"));
        deliver(channel, receiver.url("/hook/real"), "HOOK", false);
        deliver(channel, receiver.url("/hook/drill"), "HOOK", true);

        WebhookReceiver.Received real = receiver.receivedAt("/hook/real").get(0);
        assertTrue(real.verified());
        assertNoDrillWord(real.body());
        JsonNode r = JsonCodec.mapper().readTree(real.body());
        assertEquals(REAL_TITLE, r.path("data").path("title").asText());
        assertEquals(REAL_FIRST_LINE, firstLine(r.path("data").path("text").asText()));

        WebhookReceiver.Received drill = receiver.receivedAt("/hook/drill").get(0);
        assertTrue(drill.verified());
        JsonNode d = JsonCodec.mapper().readTree(drill.body());
        assertTrue(d.path("drill").isBoolean() && d.path("drill").booleanValue(), "the CloudEvent drill extension");
        assertTrue(d.path("data").path("drill").isBoolean()
                && d.path("data").path("drill").booleanValue());
        assertEquals("[DRILL] " + REAL_TITLE, d.path("data").path("title").asText());
        assertEquals(
                MessageRenderer.DRILL_LINE,
                firstLine(d.path("data").path("text").asText()));
        assertEquals("DR drill \u2014 a rehearsal, not an outage. No customer impact.", MessageRenderer.DRILL_LINE);
        assertEquals(
                "[DRILL] " + REAL_TITLE,
                d.path("data").path("items").get(0).path("title").asText());
        assertEquals(
                MessageRenderer.DRILL_LINE,
                firstLine(d.path("data").path("items").get(0).path("text").asText()));
    }

    @Test
    void teams() throws Exception {
        TeamsChannel channel = new TeamsChannel(http);
        deliver(channel, "http://127.0.0.1:" + server.port() + "/teams/real", null, false);
        deliver(channel, "http://127.0.0.1:" + server.port() + "/teams/drill", null, true);

        String realBody = wiremockBody("/teams/real");
        assertNoDrillWord(realBody);
        JsonNode real = JsonCodec.mapper().readTree(realBody);
        JsonNode realCard = real.path("attachments").get(0).path("content");
        assertEquals(REAL_TITLE, realCard.path("body").get(0).path("text").asText());
        assertEquals(
                REAL_FIRST_LINE,
                firstLine(realCard.path("body")
                        .get(1)
                        .path("items")
                        .get(1)
                        .path("text")
                        .asText()));

        JsonNode drill = JsonCodec.mapper().readTree(wiremockBody("/teams/drill"));
        assertTrue(drill.path("drill").isBoolean() && drill.path("drill").booleanValue());
        JsonNode card = drill.path("attachments").get(0).path("content");
        assertEquals(
                "[DRILL] " + REAL_TITLE, card.path("body").get(0).path("text").asText());
        assertEquals(
                MessageRenderer.DRILL_LINE,
                card.path("body").get(1).path("text").asText(),
                "the banner under the title");
        assertEquals(
                MessageRenderer.DRILL_LINE,
                firstLine(card.path("body")
                        .get(2)
                        .path("items")
                        .get(1)
                        .path("text")
                        .asText()));
    }

    @Test
    void slack() throws Exception {
        SlackChannel channel = new SlackChannel(http);
        deliver(channel, "http://127.0.0.1:" + server.port() + "/slack/real", null, false);
        deliver(channel, "http://127.0.0.1:" + server.port() + "/slack/drill", null, true);

        String realBody = wiremockBody("/slack/real");
        assertNoDrillWord(realBody);
        JsonNode real = JsonCodec.mapper().readTree(realBody);
        assertEquals(REAL_TITLE, real.path("text").asText());
        assertEquals(
                REAL_TITLE, real.path("blocks").get(0).path("text").path("text").asText());
        assertEquals(
                "*" + REAL_TITLE + "*",
                firstLine(real.path("blocks").get(1).path("text").path("text").asText()));

        JsonNode drill = JsonCodec.mapper().readTree(wiremockBody("/slack/drill"));
        assertTrue(drill.path("drill").isBoolean() && drill.path("drill").booleanValue());
        assertEquals("[DRILL] " + REAL_TITLE, drill.path("text").asText());
        assertEquals(
                "[DRILL] " + REAL_TITLE,
                drill.path("blocks").get(0).path("text").path("text").asText());
        assertEquals(
                "*" + MessageRenderer.DRILL_LINE + "*",
                drill.path("blocks").get(1).path("text").path("text").asText());
        List<String> itemLines = drill.path("blocks")
                .get(2)
                .path("text")
                .path("text")
                .asText()
                .lines()
                .toList();
        assertEquals("*[DRILL] " + REAL_TITLE + "*", itemLines.get(0));
        assertEquals(MessageRenderer.DRILL_LINE, itemLines.get(1));
    }
}
