package dev.stormwatch.notifier.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.stormwatch.notifier.channel.ChannelFixtures.ACK_URL;
import static dev.stormwatch.notifier.channel.ChannelFixtures.outgoing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.slack.SlackChannel;
import dev.stormwatch.notifier.channel.teams.TeamsChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Teams and Slack incoming webhooks against a real HTTP server (WireMock) standing in for Microsoft and Slack: the
 * payload each expects, and how answers map to delivered / retry / refused within a bounded time.
 */
class HttpChannelsTest {

    static WireMockServer server;
    static HttpSender http;

    @BeforeAll
    static void start() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        http = new HttpSender(Duration.ofSeconds(5), ChannelFixtures.loopbackAllowed());
    }

    @AfterAll
    static void stop() {
        server.stop();
        http.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    ChannelResult send(Channel channel, String path) throws Exception {
        return channel.send(outgoing(channel.type(), url(path), null))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void teamsReceivesAnAdaptiveCardWithTheFactsAndAnAcknowledgeButton() throws Exception {
        server.stubFor(
                post("/teams/hook").willReturn(aResponse().withStatus(200).withBody("1")));
        ChannelResult result = send(new TeamsChannel(http), "/teams/hook");
        assertEquals(ChannelResult.delivered("HTTP 200"), result);

        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/teams/hook")));
        assertEquals(1, requests.size());
        assertEquals("application/json", requests.get(0).getHeader("Content-Type"));
        JsonNode body = JsonCodec.mapper().readTree(requests.get(0).getBodyAsString());
        assertEquals("message", body.path("type").asText());
        JsonNode attachment = body.path("attachments").get(0);
        assertEquals(
                "application/vnd.microsoft.card.adaptive",
                attachment.path("contentType").asText());
        JsonNode card = attachment.path("content");
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("1.4", card.path("version").asText());
        assertEquals(
                "Incident (sev1), level 1: Storage outage in Australia East",
                card.path("body").get(0).path("text").asText());
        JsonNode facts = card.path("body").get(1).path("items").get(2);
        assertEquals("FactSet", facts.path("type").asText());
        assertEquals(
                "Impacted components", facts.path("facts").get(4).path("title").asText());
        assertEquals(
                "ADLS raw zone, Databricks workspace",
                facts.path("facts").get(4).path("value").asText());
        assertEquals("Region", facts.path("facts").get(5).path("title").asText());
        assertEquals("australiaeast", facts.path("facts").get(5).path("value").asText());
        assertEquals("RTO clock", facts.path("facts").get(6).path("title").asText());
        assertEquals(
                "1h20m of the 8h RTO gone, 6h40m left (until Tue 9 Jun 18:00 AEST, 08:00 UTC)",
                facts.path("facts").get(6).path("value").asText());
        JsonNode action = card.path("actions").get(0);
        assertEquals("Action.OpenUrl", action.path("type").asText());
        assertEquals("Acknowledge", action.path("title").asText());
        assertEquals(ACK_URL, action.path("url").asText());
    }

    @Test
    void slackReceivesBlockKitWithHeaderFieldsAndAnAcknowledgeButton() throws Exception {
        server.stubFor(
                post("/slack/hook").willReturn(aResponse().withStatus(200).withBody("ok")));
        assertTrue(send(new SlackChannel(http), "/slack/hook").delivered());
        JsonNode body = JsonCodec.mapper()
                .readTree(server.findAll(postRequestedFor(urlEqualTo("/slack/hook")))
                        .get(0)
                        .getBodyAsString());
        assertEquals(
                "Incident (sev1), level 1: Storage outage in Australia East",
                body.path("text").asText());
        JsonNode blocks = body.path("blocks");
        assertEquals("header", blocks.get(0).path("type").asText());
        assertEquals("plain_text", blocks.get(0).path("text").path("type").asText());
        assertEquals("section", blocks.get(1).path("type").asText());
        assertEquals("mrkdwn", blocks.get(1).path("text").path("type").asText());
        assertTrue(blocks.get(1)
                .path("text")
                .path("text")
                .asText()
                .contains("You are paged at escalation level 1 for"
                        + " Contoso Data Platform: Storage outage in Australia East."));
        JsonNode fields = blocks.get(2).path("fields");
        assertEquals("*Region*\naustraliaeast", fields.get(5).path("text").asText());
        JsonNode button = blocks.get(3).path("elements").get(0);
        assertEquals("actions", blocks.get(3).path("type").asText());
        assertEquals("button", button.path("type").asText());
        assertEquals(ACK_URL, button.path("url").asText());
    }

    @Test
    void serverErrorsAndThrottlingAreRetryableClientErrorsAreNot() throws Exception {
        server.stubFor(post("/503").willReturn(aResponse().withStatus(503).withBody("busy")));
        server.stubFor(post("/429").willReturn(aResponse().withStatus(429)));
        server.stubFor(post("/404").willReturn(aResponse().withStatus(404).withBody("no such webhook")));
        assertEquals(ChannelResult.retry("HTTP 503: busy"), send(new SlackChannel(http), "/503"));
        assertEquals(ChannelResult.retry("HTTP 429"), send(new SlackChannel(http), "/429"));
        assertEquals(ChannelResult.refused("HTTP 404: no such webhook"), send(new SlackChannel(http), "/404"));
    }

    @Test
    void aSlowServerIsCutOffAtTheTimeoutAndRetried() throws Exception {
        // The server answers after 15 s; a 1 s timeout must cut that short even on a loaded machine.
        server.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
        try (HttpSender impatient = new HttpSender(Duration.ofSeconds(1), ChannelFixtures.loopbackAllowed())) {
            long start = System.nanoTime();
            ChannelResult result = send(new TeamsChannel(impatient), "/slow");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(result.delivered());
            assertTrue(result.retryable());
            assertEquals("timed out", result.detail());
            assertTrue(
                    millis < 12_000, "answered after " + millis + " ms, the timeout is 1 s and the server takes 15 s");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        server.stubFor(post("/moved")
                .willReturn(aResponse().withStatus(307).withHeader("Location", "http://169.254.169.254/")));
        assertEquals(ChannelResult.refused("HTTP 307"), send(new TeamsChannel(http), "/moved"));
    }

    @Test
    void anInternalDestinationNotAllowedIsRefusedWithoutACall() throws Exception {
        HttpSender strict = new HttpSender(Duration.ofSeconds(1), new DestinationPolicy(List.of(), true));
        try {
            ChannelResult result = new TeamsChannel(strict)
                    .send(outgoing("teams", url("/teams/hook"), null))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(
                    ChannelResult.refused("destination refused: 127.0.0.1 resolves to internal address 127.0.0.1,"
                            + " which the destination allow-list does not allow"),
                    result);
            assertEquals(0, server.getAllServeEvents().size());
        } finally {
            strict.close();
        }
    }
}
