package dev.stormwatch.ingest.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.stormwatch.ingest.IngestStack;
import dev.stormwatch.ingest.MutableClock;
import dev.stormwatch.local.kafka.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A next-page link that points away from the host a poller was configured for is refused, with the run's report saying
 * so, and never requested: the pipeline would put the bearer token on it. Two WireMock servers play the configured
 * endpoint and the foreign host.
 */
class NextLinkHostIT {

    private static String bootstrap;
    private static WireMockServer api;
    private static WireMockServer foreign;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-05-15T08:00:00Z"));
    private final TestCredential credential = new TestCredential();

    @BeforeAll
    static void start() {
        bootstrap = SharedBroker.acquire();
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        foreign =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        foreign.start();
    }

    @AfterAll
    static void stopAll() {
        api.stop();
        foreign.stop();
        SharedBroker.release();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        foreign.resetAll();
        foreign.stubFor(get(anyUrl()).willReturn(okJson("{\"value\":[]}")));
    }

    @Test
    void armNextLinkToAnotherHostIsRefusedInTheReportAndNeverRequested() {
        String link =
                foreign.baseUrl() + "/providers/Microsoft.ResourceHealth/emergingIssues?api-version=2025-05-01&page=2";
        api.stubFor(get(urlPathEqualTo("/providers/Microsoft.ResourceHealth/emergingIssues"))
                .withQueryParam("api-version", equalTo("2025-05-01"))
                .willReturn(okJson("{\"value\":[],\"nextLink\":\"" + link + "\"}")));

        PollReport report;
        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            RestResourceHealthApi rest = new RestResourceHealthApi(
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
            report = new EmergingIssuesPoller(
                            rest,
                            new PolledEvents(
                                    stack.ingestion,
                                    PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)))
                    .runOnce();
        }

        assertEquals(List.of(), foreignRequests(), "requests that reached the foreign host");
        assertEquals(1, report.pages());
        assertEquals(
                "next-page link " + link + " points to http://localhost:" + foreign.port()
                        + ", not to the configured http://localhost:" + api.port()
                        + ": not followed, the bearer token goes only to the configured endpoint",
                report.failure());
    }

    @Test
    void graphODataNextLinkToAnotherHostIsRefusedInTheReportAndNeverRequested() {
        String link = foreign.baseUrl() + "/v1.0/admin/serviceAnnouncement/issues?$skip=100";
        api.stubFor(get(urlPathEqualTo("/v1.0/admin/serviceAnnouncement/issues"))
                .willReturn(okJson("{\"value\":[],\"@odata.nextLink\":\"" + link + "\"}")));

        PollReport report;
        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            report = new M365ServiceHealthPoller(
                            AzurePipelines.build(
                                    HttpClient.createDefault(),
                                    credential,
                                    AzurePipelines.GRAPH_SCOPE,
                                    0,
                                    Duration.ofMillis(50),
                                    clock),
                            api.baseUrl(),
                            List.of("Power BI"),
                            new PolledEvents(
                                    stack.ingestion,
                                    PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                            clock)
                    .runOnce();
        }

        assertEquals(List.of(), foreignRequests(), "requests that reached the foreign host");
        assertEquals(1, report.pages());
        assertEquals(
                "next-page link " + link + " points to http://localhost:" + foreign.port()
                        + ", not to the configured http://localhost:" + api.port()
                        + ": not followed, the bearer token goes only to the configured endpoint",
                report.failure());
    }

    @Test
    void nextLinkOnTheConfiguredHostIsFollowed() {
        api.stubFor(get(urlPathEqualTo("/v1.0/admin/serviceAnnouncement/issues"))
                .withQueryParam("$filter", equalTo("service eq 'Power BI'"))
                .willReturn(okJson("{\"value\":[],\"@odata.nextLink\":\"" + api.baseUrl()
                        + "/v1.0/admin/serviceAnnouncement/issues?$skip=100\"}")));
        api.stubFor(get(urlPathEqualTo("/v1.0/admin/serviceAnnouncement/issues"))
                .withQueryParam("$skip", equalTo("100"))
                .willReturn(okJson("{\"value\":[]}")));

        PollReport report;
        try (IngestStack stack = new IngestStack(bootstrap, clock)) {
            report = new M365ServiceHealthPoller(
                            AzurePipelines.build(
                                    HttpClient.createDefault(),
                                    credential,
                                    AzurePipelines.GRAPH_SCOPE,
                                    0,
                                    Duration.ofMillis(50),
                                    clock),
                            api.baseUrl(),
                            List.of("Power BI"),
                            new PolledEvents(
                                    stack.ingestion,
                                    PollCursors.load(bootstrap, stack.producer, clock, Duration.ofSeconds(30))),
                            new PollRetry(0, Duration.ofMillis(50), Duration.ofSeconds(1)),
                            clock)
                    .runOnce();
        }

        assertEquals(null, report.failure());
        assertEquals(2, report.pages());
    }

    private static List<String> foreignRequests() {
        return foreign.findAll(anyRequestedFor(anyUrl())).stream()
                .map(LoggedRequest::getUrl)
                .toList();
    }
}
