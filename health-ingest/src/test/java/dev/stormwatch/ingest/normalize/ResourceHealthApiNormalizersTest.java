package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Microsoft.ResourceHealth REST examples of ../shared/fixtures/resource-health-api, normalized field by field. */
class ResourceHealthApiNormalizersTest {

    private static final String OUTAGE =
            "An outage alert is being investigated. More information will be provided as it is known.";

    @Test
    void events20221001ListBySubscriptionUsesEventLevelAndCanonicalRegion() {
        Normalized n = ResourceHealthEventsNormalizer.normalize(
                SharedFixtures.specResponse("resource-health-api/spec-2022-10-01-Events_ListBySubscriptionId.json"),
                "subscriptionId",
                Sources.RESOURCE_HEALTH);

        assertEquals(
                List.of(new HealthEvent(
                        "resource-health",
                        HealthEventKind.SERVICE_INCIDENT,
                        "BC_1-FXZ",
                        "ACTIVE: Virtual machines in West US",
                        OUTAGE,
                        HealthStage.ACTIVE,
                        "informational",
                        List.of(new ImpactedService("Virtual Machines", "westus")),
                        List.of(),
                        "subscriptionId",
                        Instant.parse("2018-11-07T00:00:00Z"),
                        Instant.parse("2018-11-08T00:00:00Z"),
                        Instant.parse("2018-11-08T00:00:00Z"),
                        "https://app.azure.com/h/BC_1-FXZ",
                        null,
                        false)),
                n.events());
    }

    @Test
    void events20250501ListBySubscriptionTakesTheNewestRegionUpdateAsSummary() {
        Normalized n = ResourceHealthEventsNormalizer.normalize(
                SharedFixtures.specResponse("resource-health-api/spec-2025-05-01-Events_ListBySubscriptionId.json"),
                "subscriptionId",
                Sources.RESOURCE_HEALTH);

        assertEquals(List.of(events2025("Update 3 - " + OUTAGE)), n.events());
    }

    @Test
    void events20250501ListBySingleResourceIsTheSameEvent() {
        Normalized n = ResourceHealthEventsNormalizer.normalize(
                SharedFixtures.specResponse("resource-health-api/spec-2025-05-01-Events_ListBySingleResource.json"),
                "subscriptionId",
                Sources.RESOURCE_HEALTH);

        assertEquals(List.of(events2025("Update 3 - " + OUTAGE)), n.events());
    }

    private static HealthEvent events2025(String summary) {
        return new HealthEvent(
                "resource-health",
                HealthEventKind.SERVICE_INCIDENT,
                "BC_1-FXZ",
                "ACTIVE: Virtual machines in West US",
                summary,
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService("Virtual Machines", "westus")),
                List.of(),
                "subscriptionId",
                Instant.parse("2025-05-12T14:45:48.1203530Z"),
                Instant.parse("2025-05-14T15:43:48.1203530Z"),
                Instant.parse("2025-05-13T15:43:48.1203530Z"),
                "https://app.azure.com/h/BC_1-FXZ",
                null,
                false);
    }

    @Test
    void availabilityStatus20221001GetByResourceIsUnavailableSinceOccuredTime() {
        Normalized n = AvailabilityStatusNormalizer.normalize(
                SharedFixtures.specResponse(
                        "resource-health-api/spec-2022-10-01-AvailabilityStatus_GetByResource.json"),
                Sources.RESOURCE_HEALTH);

        String resource = "/subscriptions/4abcdefgh-ijkl-mnop-qrstuvwxyz/resourceGroups/rhctestenv/providers/Microsoft."
                + "ClassicCompute/virtualMachines /rhctestenvV1PI";
        assertEquals(
                List.of(new HealthEvent(
                        "resource-health",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        "Unavailable",
                        "We're sorry, we couldn't automatically recover your virtual machine",
                        HealthStage.ACTIVE,
                        "critical",
                        List.of(),
                        List.of(resource.toLowerCase(java.util.Locale.ROOT)),
                        "4abcdefgh-ijkl-mnop-qrstuvwxyz",
                        Instant.parse("2016-03-29T09:12:00Z"),
                        null,
                        Instant.parse("2016-03-29T09:12:00Z"),
                        "https://portal.azure.com/#resource" + resource + "/resourceHealth",
                        "unavailable",
                        false)),
                n.events());
    }

    @Test
    void availabilityStatuses20250501ListReadsRecentlyResolvedWithItsMisspelledKeys() {
        Normalized n = AvailabilityStatusNormalizer.normalize(
                SharedFixtures.specResponse(
                        "resource-health-api/spec-2025-05-01-AvailabilityStatuses_ListBySubscriptionId.json"),
                Sources.RESOURCE_HEALTH);

        assertEquals(
                List.of(
                        new HealthEvent(
                                "resource-health",
                                HealthEventKind.RESOURCE_AVAILABILITY,
                                null,
                                "Available",
                                "Vm is available",
                                HealthStage.RESOLVED,
                                "informational",
                                List.of(),
                                List.of("<resourceid>"),
                                null,
                                Instant.parse("2017-02-28T00:48:00Z"),
                                Instant.parse("2017-02-28T00:49:00Z"),
                                Instant.parse("2016-03-29T09:12:00Z"),
                                null,
                                "available",
                                false),
                        new HealthEvent(
                                "resource-health",
                                HealthEventKind.RESOURCE_AVAILABILITY,
                                null,
                                "Unavailable",
                                "We are sorry, we couldn't automatically recovery our virtualmachine",
                                HealthStage.ACTIVE,
                                "critical",
                                List.of(),
                                List.of("<resourceid>"),
                                null,
                                Instant.parse("2016-03-29T09:12:00Z"),
                                null,
                                Instant.parse("2016-03-29T09:12:00Z"),
                                null,
                                "unavailable",
                                false)),
                n.events());
    }

    @Test
    void impactedResourcesListsTargetResourcesAndSkipsInfoOnlyItems() {
        List<String> ids = ImpactedResourcesNormalizer.resourceIds(SharedFixtures.specResponse(
                "resource-health-api/spec-2022-10-01-ImpactedResources_ListBySubscriptionId_ListByEventId.json"));

        assertEquals(
                List.of(
                        "/subscriptions/4970d23e-ed41-4670-9c19-02a1d2808dd9/resourcegroups/test/providers/microsoft."
                                + "compute/virtualmachines/testvm",
                        "/subscriptions/4970d23e-ed41-4670-9c19-02a1d2808dd9/resourcegroups/dev2/providers/microsoft."
                                + "compute/virtualmachines/testvm2"),
                ids);
    }

    @Test
    void sameTrackingIdListedOncePerServiceIsOneEventPerService() {
        String body = """
                {"value":[
                 {"name":"GCC46-OUT","properties":{"eventType":"ServiceIssue","status":"Active",\
                "title":"A test from synthetics service",
                  "eventLevel":"Warning","lastUpdateTime":"2024-01-01T10:00:00Z",
                  "impact":[{"impactedService":"Storage","impactedRegions":[{"impactedRegion":"West Europe"}]}]}},
                 {"name":"GCC46-OUT","properties":{"eventType":"ServiceIssue","status":"Resolved",\
                "title":"A test from synthetics service",
                  "eventLevel":"Warning","lastUpdateTime":"2024-01-01T11:00:00.12Z",\
                "impactMitigationTime":"0001-01-01T00:00:00",
                  "impact":[{"impactedService":"Key Vault","impactedRegions":[{"impactedRegion":"North Europe"}]}]}}]}
                """;

        Normalized n = ResourceHealthEventsNormalizer.normalize(
                dev.stormwatch.contracts.JsonCodec.fromJson(body, com.fasterxml.jackson.databind.JsonNode.class),
                "sub",
                Sources.RESOURCE_HEALTH);

        assertEquals(2, n.events().size(), "Storage and Key Vault are updated and resolved each on its own");
        HealthEvent storage = n.events().get(0);
        HealthEvent keyVault = n.events().get(1);
        assertEquals(HealthStage.ACTIVE, storage.stage());
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), storage.lastUpdate());
        assertEquals(List.of(new ImpactedService("Storage", "westeurope")), storage.impacted());
        assertEquals(HealthStage.RESOLVED, keyVault.stage());
        assertEquals(Instant.parse("2024-01-01T11:00:00.12Z"), keyVault.lastUpdate());
        assertEquals(null, keyVault.impactMitigation(), "the 0001-01-01 sentinel means unknown");
        assertEquals(List.of(new ImpactedService("Key Vault", "northeurope")), keyVault.impacted());
        assertEquals("GCC46-OUT", storage.key());
        assertEquals("GCC46-OUT", keyVault.key());
    }
}
