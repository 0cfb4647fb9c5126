package dev.stormwatch.ingest.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.ingest.IngestStack;
import dev.stormwatch.ingest.MutableClock;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.local.kafka.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resource Graph (through the SDK client on the shared pipeline), Microsoft Graph service communications and the status
 * RSS feed pollers against recorded responses served by WireMock, publishing to the real broker.
 */
class OtherPollersIT {

    private static String bootstrap;
    private static WireMockServer api;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-05-15T08:00:00Z"));
    private final TestCredential credential = new TestCredential();
    private TopicProbe topic;

    @BeforeAll
    static void start() {
        bootstrap = SharedBroker.acquire();
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterAll
    static void stopAll() {
        api.stop();
        SharedBroker.release();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        topic = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name());
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void resourceGraphFollowsSkipTokenAcrossManySubscriptions() {
        String tracking = "ARG-" + UUID.randomUUID().toString().substring(0, 8);
        String vm = "/subscriptions/aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb/resourceGroups/rg/providers/Microsoft.Compute/"
                + "virtualMachines/vm-"
                + tracking;
        String eventRow = """
                {"id":"/subscriptions/aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb/providers/Microsoft.ResourceHealth/events/\
                %s","name":"%s",
                 "type":"microsoft.resourcehealth/events","subscriptionId":"aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb",
                 "properties":{"EventType":"ServiceIssue","Status":"Active","EventLevel":"Warning","TrackingId":"%s",\
                "Title":"Storage - Australia East",
                  "LastUpdateTime":"2025-05-15T07:00:00Z","Impact":[{"ImpactedService":"Storage",\
                "ImpactedRegions":[{"ImpactedRegion":"Australia East"}]}]}}""".formatted(tracking, tracking, tracking);
        ObjectNode availabilityRow = JsonCodec.mapper()
                .createObjectNode()
                .put("id", vm + "/providers/Microsoft.ResourceHealth/availabilityStatuses/current")
                .put("type", "microsoft.resourcehealth/availabilitystatuses")
                .put("subscriptionId", "aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb");
        ObjectNode props =
                (ObjectNode) SharedFixtures.json("resource-graph/healthresources-availabilitystatuses-properties.json");
        props.put("targetResourceId", vm);
        availabilityRow.set("properties", props);
        api.stubFor(post(urlPathEqualTo("/providers/Microsoft.ResourceGraph/resources"))
                .withRequestBody(containing("ServiceHealthResources"))
                .willReturn(okJson("{\"totalRecords\":2,\"count\":0,\"resultTruncated\":\"false\","
                        + "\"$skipToken\":\"page-2\",\"data\":[]}")));
        api.stubFor(post(urlPathEqualTo("/providers/Microsoft.ResourceGraph/resources"))
                .withRequestBody(containing("page-2"))
                .willReturn(okJson(
                        "{\"totalRecords\":2,\"count\":1,\"resultTruncated\":\"false\",\"data\":[" + eventRow + "]}")));
        api.stubFor(post(urlPathEqualTo("/providers/Microsoft.ResourceGraph/resources"))
                .withRequestBody(containing("\"query\":\"HealthResources |"))
                .willReturn(okJson("{\"totalRecords\":1,\"count\":1,\"resultTruncated\":\"false\",\"data\":["
                        + availabilityRow + "]}")));
        List<String> subscriptions = java.util.stream.IntStream.range(0, 1500)
                .mapToObj(i -> String.format("%08d-0000-0000-0000-000000000000", i))
                .toList();

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            var pipeline = AzurePipelines.build(
                    HttpClient.createDefault(), credential, AzurePipelines.ARM_SCOPE, 2, Duration.ofMillis(50), clock);
            var manager = ResourceGraphManager.authenticate(
                    pipeline,
                    new AzureProfile(
                            null, null, new AzureEnvironment(Map.of("resourceManagerEndpointUrl", api.baseUrl()))));
            PollReport report = new ResourceGraphPoller(
                            manager,
                            subscriptions,
                            new PolledEvents(
                                    stack.ingestion,
                                    PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                            clock)
                    .runOnce();

            assertNull(report.failure());
            assertEquals(
                    List.of(tracking + "@2025-05-15T07:00:00Z", vm.toLowerCase() + "@2022-10-11T11:13:59.957Z"),
                    ResourceHealthPollerIT.versions(topic.drain()));
        }
        // 1 500 subscriptions: two batches (1 000 + 500), each with two pages of events and one of availability.
        var calls = api.findAll(postRequestedFor(urlPathEqualTo("/providers/Microsoft.ResourceGraph/resources")));
        assertEquals(6, calls.size());
        ArrayNode firstBatch = (ArrayNode) JsonCodec.fromJson(calls.get(0).getBodyAsString(), ObjectNode.class)
                .get("subscriptions");
        assertEquals(1000, firstBatch.size());
        assertEquals("Bearer token-1", calls.get(0).getHeader("Authorization"));
    }

    @Test
    void microsoftGraphIssuesFollowOdataNextLinkForPowerBi() {
        String page1 = SharedFixtures.text("graph-service-health/graph-v1-serviceannouncement-list-issues.json")
                .replace("https://graph.microsoft.com", api.baseUrl());
        String page2 = "{\"value\":["
                + SharedFixtures.text("graph-service-health/graph-v1-servicehealthissue-get-MO226784.json") + "]}";
        api.stubFor(get(urlPathEqualTo("/v1.0/admin/serviceAnnouncement/issues"))
                .withQueryParam("$filter", equalTo("service eq 'Power BI'"))
                .willReturn(okJson(page1)));
        api.stubFor(get(urlPathEqualTo("/v1.0/admin/serviceAnnouncement/issues"))
                .withQueryParam("$skip", equalTo("100"))
                .willReturn(okJson(page2)));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            M365ServiceHealthPoller poller = new M365ServiceHealthPoller(
                    AzurePipelines.build(
                            HttpClient.createDefault(),
                            credential,
                            AzurePipelines.GRAPH_SCOPE,
                            2,
                            Duration.ofMillis(50),
                            clock),
                    api.baseUrl(),
                    List.of("Power BI"),
                    new PolledEvents(
                            stack.ingestion,
                            PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                    new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                    clock);

            PollReport first = poller.runOnce();
            List<String> published = ResourceHealthPollerIT.versions(topic.drain());
            PollReport second = poller.runOnce();

            assertNull(first.failure());
            assertEquals(2, first.pages());
            assertEquals(List.of("EX226792@2020-11-14T18:20:24.767Z", "MO226784@2020-11-14T11:06:53.353Z"), published);
            assertEquals(0, second.published());
            assertEquals(List.of(), topic.drain());
        }
        assertEquals(List.of(AzurePipelines.GRAPH_SCOPE), credential.scopes.get(0));
    }

    @Test
    void statusFeedItemIsPublishedOnceEvenWhenTheChannelIsRebuilt() {
        // The published excerpt closes </channel> before its item and never closes the item: put right.
        String feed = SharedFixtures.text("status-feed/azure-status-rss-2018-11-12.js-comment-excerpt.txt")
                        .trim()
                        .replace("</channel><item>", "<item>")
                + "</item></channel></rss>";
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String item = feed.replace(
                "Virtual Machines/VM Scale Sets - East US 2", "Virtual Machines " + marker + " - East US 2");
        api.stubFor(get(urlPathEqualTo("/en-us/status/feed/"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml")
                        .withBody(item)));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            StatusFeedPoller poller = new StatusFeedPoller(
                    AzurePipelines.build(HttpClient.createDefault(), null, null, 2, Duration.ofMillis(50), clock),
                    api.baseUrl() + "/en-us/status/feed/",
                    new PolledEvents(
                            stack.ingestion,
                            PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                    new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                    clock);

            PollReport first = poller.runOnce();
            List<String> published = ResourceHealthPollerIT.versions(topic.drain());
            api.stubFor(get(urlPathEqualTo("/en-us/status/feed/"))
                    .willReturn(aResponse()
                            .withBody(item.replace("Mon, 12 Nov 2018 16:25:40 Z", "Mon, 12 Nov 2018 16:30:40 Z"))));
            PollReport rebuilt = poller.runOnce();

            assertNull(first.failure());
            assertEquals(List.of("virtual-machines-" + marker + "-east-us-2@2018-11-12T16:25:40Z"), published);
            assertEquals(0, rebuilt.published(), "same item, only the channel's build date moved");
            assertEquals(List.of(), topic.drain());
        }
        assertTrue(
                api.findAll(getRequestedFor(urlPathEqualTo("/en-us/status/feed/"))).stream()
                        .allMatch(r -> r.getHeader("Authorization") == null),
                "the public feed gets no token");
    }

    @Test
    void statusFeedThatIsNotWellFormedGoesToTheDlqWithTheReason() {
        String feed = SharedFixtures.text("status-feed/azure-status-rss-2018-11-12.js-comment-excerpt.txt");
        api.stubFor(get(urlPathEqualTo("/broken/feed/"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml")
                        .withBody(feed)));

        try (IngestStack stack = new IngestStack(bootstrap, clock);
                TopicProbe dlq = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS_DLQ.name())) {
            dlq.mark();
            StatusFeedPoller poller = new StatusFeedPoller(
                    AzurePipelines.build(HttpClient.createDefault(), null, null, 0, Duration.ofMillis(50), clock),
                    api.baseUrl() + "/broken/feed/",
                    new PolledEvents(
                            stack.ingestion,
                            PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                    new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                    clock);

            PollReport report = poller.runOnce();

            assertNull(report.failure());
            assertEquals(1, report.deadLettered());
            assertEquals(0, report.accepted());
            assertEquals(List.of(), topic.drain());
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> dead = dlq.drain();
            assertEquals(1, dead.size());
            dev.stormwatch.contracts.health.RejectedInput rejected = dev.stormwatch.contracts.JsonCodec.data(
                    dev.stormwatch.contracts.JsonCodec.fromJson(
                            dead.get(0).value(), dev.stormwatch.contracts.CloudEvent.class),
                    dev.stormwatch.contracts.health.RejectedInput.class);
            assertTrue(
                    rejected.reason()
                            .startsWith(
                                    api.baseUrl() + "/broken/feed/: line 2, column 1: the feed is not well-formed XML"),
                    rejected.reason());
        }
    }
}
