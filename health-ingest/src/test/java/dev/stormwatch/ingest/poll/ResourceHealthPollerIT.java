package dev.stormwatch.ingest.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.ingest.IngestStack;
import dev.stormwatch.ingest.MutableClock;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.local.kafka.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Resource Health poller against recorded API responses served by WireMock, through the azure-core pipeline with
 * retry and bearer-token policies, publishing to the real broker: paging by nextLink, 429 with Retry-After, an expired
 * token refreshed, back-off on a failing API, and a restart in the middle of a run.
 */
class ResourceHealthPollerIT {

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
    void restartMidRunEmitsNoDuplicateAndMissesNoUpdate() throws Exception {
        String first = "RH1-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "RH2-" + UUID.randomUUID().toString().substring(0, 8);
        String page2 = "/page2/" + first;
        stubEvents("sub-a", events2025(first, "2025-05-13T15:43:48.1203530Z", "Active", api.baseUrl() + page2), 0);
        api.stubFor(
                get(urlPathEqualTo(page2)).willReturn(okJson(events2022(second)).withFixedDelay(1500)));
        stubEvents("sub-b", "{\"value\":[]}", 0);
        stubAvailability("sub-a", "{\"value\":[]}");
        String vm = "/subscriptions/sub-b/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-" + first;
        com.fasterxml.jackson.databind.node.ObjectNode availability =
                (com.fasterxml.jackson.databind.node.ObjectNode) SharedFixtures.specResponse(
                        "resource-health-api/spec-2025-05-01-AvailabilityStatuses_ListBySubscriptionId.json");
        availability.remove("nextLink");
        stubAvailability("sub-b", availability.toString().replace("<resourceId>", vm));

        // First instance: stopped while page 2 of sub-a is on the wire.
        PollReport run1;
        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            ResourceHealthPoller poller = poller(stack);
            Thread stopper = new Thread(() -> {
                awaitRequest(page2);
                poller.stop();
            });
            stopper.start();
            run1 = poller.runOnce();
            stopper.join();
        }
        assertTrue(run1.stopped());
        assertEquals(1, run1.pages());
        assertEquals(List.of(first + "@2025-05-13T15:43:48.120353Z"), versions(topic.drain()));

        // Meanwhile the provider updated the first event; the page-2 event was never published.
        stubEvents("sub-a", events2025(first, "2025-05-14T09:00:00Z", "Resolved", api.baseUrl() + page2), 0);
        api.stubFor(get(urlPathEqualTo(page2)).willReturn(okJson(events2022(second))));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            ResourceHealthPoller poller = poller(stack);
            PollReport run2 = poller.runOnce();
            List<String> published = versions(topic.drain());
            PollReport run3 = poller.runOnce();

            assertNull(run2.failure());
            assertEquals(
                    List.of(
                            first + "@2025-05-14T09:00:00Z",
                            second + "@2018-11-08T00:00:00Z",
                            vm.toLowerCase() + "@2016-03-29T09:12:00Z",
                            vm.toLowerCase() + "@2016-03-29T09:12:00Z"),
                    published);
            assertEquals(4, run2.published());
            assertEquals(0, run3.published(), "second poll of the same data: nothing new");
            assertEquals(List.of(), topic.drain());
        }
        // Every call carried a token for the ARM scope.
        assertTrue(credential.scopes.stream().allMatch(s -> s.equals(List.of(AzurePipelines.ARM_SCOPE))));
    }

    @Test
    void throttledCallIsRetriedAfterRetryAfter() {
        String id = "TH-" + UUID.randomUUID().toString().substring(0, 8);
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-t/providers/Microsoft.ResourceHealth/events"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("open")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\"}}")));
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-t/providers/Microsoft.ResourceHealth/events"))
                .inScenario("throttle")
                .whenScenarioStateIs("open")
                .willReturn(okJson(events2022(id))));
        stubAvailability("sub-t", "{\"value\":[]}");

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            PollReport report = new ResourceHealthPoller(
                            restApi(),
                            List.of("sub-t"),
                            new PolledEvents(stack.ingestion, cursors(stack)),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                            clock)
                    .runOnce();

            assertNull(report.failure());
            assertEquals(List.of(id + "@2018-11-08T00:00:00Z"), versions(topic.drain()));
        }
        List<LoggedRequest> calls = api.findAll(
                getRequestedFor(urlPathEqualTo("/subscriptions/sub-t/providers/Microsoft.ResourceHealth/events")));
        assertEquals(2, calls.size());
        long gap = calls.get(1).getLoggedDate().getTime()
                - calls.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 1000, "second call " + gap + " ms after the 429, Retry-After said 1 s");
    }

    @Test
    void expiredTokenIsRefreshedOnceAndTheCallRepeated() {
        String id = "TK-" + UUID.randomUUID().toString().substring(0, 8);
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-k/providers/Microsoft.ResourceHealth/events"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader(
                                "WWW-Authenticate",
                                "Bearer authorization_uri=\"https://login.microsoftonline.com/t\","
                                        + " error=\"invalid_token\","
                                        + " error_description=\"The access token expired\"")));
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-k/providers/Microsoft.ResourceHealth/events"))
                .withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(okJson(events2022(id))));
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-k/providers/Microsoft.ResourceHealth/availabilityStatuses"))
                .withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(okJson("{\"value\":[]}")));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            PollReport report = new ResourceHealthPoller(
                            restApi(),
                            List.of("sub-k"),
                            new PolledEvents(stack.ingestion, cursors(stack)),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                            clock)
                    .runOnce();

            assertNull(report.failure());
            assertEquals(List.of(id + "@2018-11-08T00:00:00Z"), versions(topic.drain()));
        }
        assertEquals(2, credential.issued.get(), "token-1 refused as expired, token-2 fetched once");
    }

    @Test
    void failingApiIsRetriedWithExponentialBackOffThenTheRunGivesUp() {
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-f/providers/Microsoft.ResourceHealth/events"))
                .willReturn(aResponse().withStatus(503).withBody("busy")));

        PollReport failed;
        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            failed = new ResourceHealthPoller(
                            restApiWithoutRetries(),
                            List.of("sub-f"),
                            new PolledEvents(stack.ingestion, cursors(stack)),
                            new PollRetry(2, Duration.ofMillis(300), Duration.ofSeconds(5)),
                            clock)
                    .runOnce();
        }

        assertTrue(failed.failure().contains("answered 503"), failed.failure());
        List<LoggedRequest> calls = api.findAll(
                getRequestedFor(urlPathEqualTo("/subscriptions/sub-f/providers/Microsoft.ResourceHealth/events")));
        assertEquals(3, calls.size(), "the first call and two retries");
        long first = calls.get(1).getLoggedDate().getTime()
                - calls.get(0).getLoggedDate().getTime();
        long second = calls.get(2).getLoggedDate().getTime()
                - calls.get(1).getLoggedDate().getTime();
        assertTrue(first >= 300, "first retry " + first + " ms after the 503, back-off 300 ms");
        assertTrue(second >= 600, "second retry " + second + " ms after, back-off doubled to 600 ms");
    }

    @Test
    void retryAfterOfA503WinsOverAShorterBackOff() {
        String id = "RA-" + UUID.randomUUID().toString().substring(0, 8);
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-r/providers/Microsoft.ResourceHealth/events"))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up")
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "1")
                        .withBody("busy")));
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-r/providers/Microsoft.ResourceHealth/events"))
                .inScenario("busy")
                .whenScenarioStateIs("up")
                .willReturn(okJson(events2022(id))));
        stubAvailability("sub-r", "{\"value\":[]}");

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            PollReport report = new ResourceHealthPoller(
                            restApiWithoutRetries(),
                            List.of("sub-r"),
                            new PolledEvents(stack.ingestion, cursors(stack)),
                            new PollRetry(3, Duration.ofMillis(50), Duration.ofMillis(100)),
                            clock)
                    .runOnce();

            assertNull(report.failure());
            assertEquals(1, report.accepted());
            assertEquals(List.of(id + "@2018-11-08T00:00:00Z"), versions(topic.drain()));
        }
        List<LoggedRequest> calls = api.findAll(
                getRequestedFor(urlPathEqualTo("/subscriptions/sub-r/providers/Microsoft.ResourceHealth/events")));
        assertEquals(2, calls.size());
        long gap = calls.get(1).getLoggedDate().getTime()
                - calls.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 1000, "retry " + gap + " ms after the 503, Retry-After said 1 s (back-off at most 100 ms)");
    }

    @Test
    void activeServiceIssueCarriesTheImpactedResourcesOfEveryPage() {
        String id = "IR-" + UUID.randomUUID().toString().substring(0, 8);
        stubEvents("sub-i", events2022(id), 0);
        stubAvailability("sub-i", "{\"value\":[]}");
        com.fasterxml.jackson.databind.node.ObjectNode resources =
                (com.fasterxml.jackson.databind.node.ObjectNode) SharedFixtures.specResponse(
                        "resource-health-api/spec-2022-10-01-ImpactedResources_ListBySubscriptionId_ListByEventId."
                                + "json");
        String page2 = "/page2/impacted/" + id;
        resources.put("nextLink", api.baseUrl() + page2);
        api.stubFor(get(urlPathEqualTo(
                        "/subscriptions/sub-i/providers/Microsoft.ResourceHealth/events/" + id + "/impactedResources"))
                .withQueryParam("api-version", equalTo("2025-05-01"))
                .willReturn(okJson(resources.toString())));
        api.stubFor(get(urlPathEqualTo(page2)).willReturn(okJson("""
                {"value":[{"name":"r3","type":"Microsoft.ResourceHealth/events/impactedResources","properties":{
                 "targetResourceType":"Microsoft.Sql/servers/databases","targetRegion":"westus",
                 "targetResourceId":"/subscriptions/sub-i/resourceGroups/Data/providers/Microsoft.Sql/servers/sql1/\
                databases/Orders"}}]}
                """)));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            ResourceHealthPoller poller = poller(stack, List.of("sub-i"));
            PollReport report = poller.runOnce();

            assertNull(report.failure());
            assertEquals(1, report.accepted());
            List<HealthEvent> published = topic.drain().stream()
                    .map(r -> JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))
                    .toList();
            assertEquals(1, published.size());
            assertEquals(HealthStage.ACTIVE, published.get(0).stage());
            assertEquals(
                    List.of(
                            "/subscriptions/4970d23e-ed41-4670-9c19-02a1d2808dd9/resourcegroups/test/providers/"
                                    + "microsoft.compute/virtualmachines/testvm",
                            "/subscriptions/4970d23e-ed41-4670-9c19-02a1d2808dd9/resourcegroups/dev2/providers/"
                                    + "microsoft.compute/virtualmachines/testvm2",
                            "/subscriptions/sub-i/resourcegroups/data/providers/microsoft.sql/servers/sql1/databases/"
                                    + "orders"),
                    published.get(0).resourceIds());

            PollReport again = poller.runOnce();
            assertEquals(1, again.duplicates(), "known to the cursors");
        }
        assertEquals(
                1,
                api.findAll(getRequestedFor(
                                urlPathEqualTo("/subscriptions/sub-i/providers/Microsoft.ResourceHealth/events/" + id
                                        + "/impactedResources")))
                        .size(),
                "asked once: the second poll found nothing new");
    }

    @Test
    void emergingIssuesArePolledTenantWideAsServiceIncidentsWithoutASubscription() {
        String id = "EI-" + UUID.randomUUID().toString().substring(0, 8);
        api.stubFor(get(urlPathEqualTo("/providers/Microsoft.ResourceHealth/emergingIssues"))
                .withQueryParam("api-version", equalTo("2025-05-01"))
                .willReturn(okJson("""
                        {"value":[{"name":"default","type":"Microsoft.ResourceHealth/emergingIssues",\
                        "properties":{"refreshTimestamp":"2025-05-15T07:59:00Z",
                         "statusBanners":[],"statusActiveEvents":[{"title":"Storage - West Europe",\
                        "description":"<p>Investigating</p>","trackingId":"%s",
                          "startTime":"2025-05-15T07:40:00Z","cloud":"Public","severity":"Warning","stage":"Active",\
                        "published":true,
                          "lastModifiedTime":"2025-05-15T07:58:00Z","impacts":[{"id":"storage","name":"Storage",\
                        "regions":[{"id":"westeurope","name":"West Europe"}]}]}]}}]}
                        """.formatted(id))));

        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            PollReport report = new EmergingIssuesPoller(
                            restApi(),
                            new PolledEvents(stack.ingestion, cursors(stack)),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)))
                    .runOnce();

            assertNull(report.failure());
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records = topic.drain();
            assertEquals(List.of(id + "@2025-05-15T07:58:00Z"), versions(records));
            CloudEvent ce = JsonCodec.fromJson(records.get(0).value(), CloudEvent.class);
            HealthEvent e = JsonCodec.data(ce, HealthEvent.class);
            assertEquals("/stormwatch/health-ingest/emerging-issues", ce.source());
            assertEquals(null, e.subscriptionId());
            assertEquals(Instant.parse("2025-05-15T07:40:00Z"), e.impactStart());
            assertEquals(
                    List.of(new dev.stormwatch.contracts.health.ImpactedService("Storage", "westeurope")),
                    e.impacted());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private ResourceHealthPoller poller(IngestStack stack) {
        return poller(stack, List.of("sub-a", "sub-b"));
    }

    private ResourceHealthPoller poller(IngestStack stack, List<String> subscriptions) {
        return new ResourceHealthPoller(
                restApi(),
                subscriptions,
                new PolledEvents(stack.ingestion, cursors(stack)),
                new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                clock);
    }

    private RestResourceHealthApi restApi() {
        return new RestResourceHealthApi(
                AzurePipelines.build(
                        HttpClient.createDefault(),
                        credential,
                        AzurePipelines.ARM_SCOPE,
                        2,
                        Duration.ofMillis(50),
                        clock),
                api.baseUrl(),
                Duration.ofDays(7),
                clock);
    }

    private RestResourceHealthApi restApiWithoutRetries() {
        return new RestResourceHealthApi(
                AzurePipelines.build(
                        HttpClient.createDefault(),
                        credential,
                        AzurePipelines.ARM_SCOPE,
                        0,
                        Duration.ofMillis(50),
                        clock),
                api.baseUrl(),
                Duration.ofDays(7),
                clock);
    }

    private PollCursors cursors(IngestStack stack) {
        return PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30));
    }

    private void stubEvents(String sub, String body, int delayMs) {
        api.stubFor(get(urlPathEqualTo("/subscriptions/" + sub + "/providers/Microsoft.ResourceHealth/events"))
                .withQueryParam("api-version", equalTo("2025-05-01"))
                .withQueryParam("queryStartTime", equalTo("5/8/2025"))
                .willReturn(okJson(body).withFixedDelay(delayMs)));
    }

    private void stubAvailability(String sub, String body) {
        api.stubFor(get(urlPathEqualTo(
                        "/subscriptions/" + sub + "/providers/Microsoft.ResourceHealth/availabilityStatuses"))
                .withQueryParam("api-version", equalTo("2025-05-01"))
                .willReturn(okJson(body)));
    }

    /**
     * The recorded 2025-05-01 events page, with its tracking id, update time, status and next link set for the
     * scenario.
     */
    private static String events2025(String trackingId, String lastUpdate, String status, String nextLink) {
        return SharedFixtures.specResponse("resource-health-api/spec-2025-05-01-Events_ListBySubscriptionId.json")
                .toString()
                .replace("BC_1-FXZ", trackingId)
                .replace(
                        "\"lastUpdateTime\":\"2025-05-13T15:43:48.1203530Z\",\"level\"",
                        "\"lastUpdateTime\":\"" + lastUpdate + "\",\"level\"")
                .replace("\"status\":\"Active\",\"summary\"", "\"status\":\"" + status + "\",\"summary\"")
                .replace("{originalRequestUrl}?$skipToken={OpaquePageNumber}", nextLink);
    }

    /** The recorded 2022-10-01 events page as a last page. */
    private static String events2022(String trackingId) {
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                SharedFixtures.specResponse("resource-health-api/spec-2022-10-01-Events_ListBySubscriptionId.json");
        body.remove("nextLink");
        return body.toString().replace("BC_1-FXZ", trackingId);
    }

    private static void awaitRequest(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (api.findAll(getRequestedFor(urlPathEqualTo(path))).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " never requested");
            }
            Thread.onSpinWait();
        }
    }

    static List<String> versions(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))
                .map(e -> e.key() + "@" + e.lastUpdate())
                .sorted(java.util.Comparator.comparing(s -> s.startsWith("/") ? "~" + s : s))
                .toList();
    }
}
