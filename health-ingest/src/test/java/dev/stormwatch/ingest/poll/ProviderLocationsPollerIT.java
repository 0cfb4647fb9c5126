package dev.stormwatch.ingest.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.ingest.IngestStack;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.local.kafka.SharedBroker;
import dev.stormwatch.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resource providers' locations of each watched subscription, read through the azure-core pipeline (bearer token,
 * retry) from WireMock serving the shape of {@code GET /subscriptions/{id}/providers?api-version=2021-04-01} (a list of
 * providers, each with {@code namespace}, {@code registrationState} and {@code resourceTypes[]} of
 * {@code resourceType}, {@code locations} as display names, {@code apiVersions}, {@code capabilities}), paged by
 * {@code nextLink}, and published per subscription on the real broker.
 */
class ProviderLocationsPollerIT {

    private static String bootstrap;
    private static WireMockServer api;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));

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

    @Test
    void publishesTheWatchedTypesRegionsPerSubscriptionAcrossPages() {
        String sub = "sub-" + UUID.randomUUID().toString().substring(0, 8);
        String page2 = "/subscriptions/" + sub + "/providers/page2";
        api.stubFor(get(urlPathEqualTo("/subscriptions/" + sub + "/providers"))
                .withQueryParam("api-version", equalTo("2021-04-01"))
                .willReturn(okJson("{\"value\":["
                        + provider(
                                sub,
                                "Microsoft.KeyVault",
                                type("vaults", "West Europe", "North Europe"),
                                type("deletedVaults", "West Europe"))
                        + "],\"nextLink\":\"" + api.baseUrl() + page2 + "\"}")));
        api.stubFor(get(urlPathEqualTo(page2))
                .willReturn(okJson("{\"value\":["
                        + provider(sub, "Microsoft.Databricks", type("workspaces", "West Europe", "UK South"))
                        + "]}")));
        // An unwatched subscription's call fails: the others are still published.
        api.stubFor(get(urlPathEqualTo("/subscriptions/sub-broken/providers"))
                .willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"code\":\"AuthorizationFailed\"}}")));

        try (TopicProbe topic = new TopicProbe(bootstrap, Topics.PROVIDER_LOCATIONS.name());
                IngestStack stack = new IngestStack(bootstrap, clock)) {
            TestCredential credential = new TestCredential();
            var pipeline = AzurePipelines.build(
                    HttpClient.createDefault(), credential, AzurePipelines.ARM_SCOPE, 0, Duration.ofMillis(10), clock);
            ProviderLocationsPoller poller = new ProviderLocationsPoller(
                    new RestResourceProvidersApi(pipeline, api.baseUrl(), clock),
                    List.of("sub-broken", sub),
                    stack.producer,
                    clock);

            List<ProviderLocations> published = poller.runOnce();

            ProviderLocations expected = new ProviderLocations(
                    sub,
                    clock.instant(),
                    Map.of(
                            "microsoft.keyvault/vaults", List.of("northeurope", "westeurope"),
                            "microsoft.databricks/workspaces", List.of("uksouth", "westeurope")));
            assertEquals(List.of(expected), published);
            List<ConsumerRecord<String, byte[]>> records =
                    topic.drain().stream().filter(r -> sub.equals(r.key())).toList();
            assertEquals(1, records.size());
            CloudEvent event = JsonCodec.fromJson(records.get(0).value(), CloudEvent.class);
            assertEquals(EventTypes.PROVIDER_LOCATIONS, event.type());
            assertEquals(sub, event.subject());
            assertEquals(expected, JsonCodec.data(event, ProviderLocations.class));
            assertTrue(expected.offers("Microsoft.KeyVault/vaults", "northeurope"));
            assertTrue(!expected.offers("Microsoft.Databricks/workspaces", "northeurope"));
            api.verify(getRequestedFor(urlPathEqualTo("/subscriptions/" + sub + "/providers"))
                    .withHeader("Authorization", equalTo("Bearer token-1")));
        }
    }

    private static String provider(String sub, String namespace, String... types) {
        return "{\"id\":\"/subscriptions/" + sub + "/providers/" + namespace + "\",\"namespace\":\"" + namespace
                + "\",\"registrationState\":\"Registered\",\"registrationPolicy\":\"RegistrationRequired\","
                + "\"resourceTypes\":[" + String.join(",", types) + "]}";
    }

    private static String type(String name, String... locations) {
        return "{\"resourceType\":\"" + name + "\",\"locations\":[\"" + String.join("\",\"", locations)
                + "\"],\"apiVersions\":[\"2023-07-01\",\"2022-07-01\"],"
                + "\"capabilities\":\"CrossResourceGroupResourceMove, CrossSubscriptionResourceMove, SupportsTags,"
                + " SupportsLocation\"}";
    }
}
