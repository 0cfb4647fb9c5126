package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Activity Log REST shape and the Event Hubs export envelope, from ../shared/fixtures and hand-written records. */
class ActivityLogNormalizersTest {

    @Test
    void restServiceHealthIncidentNa0fBjgIsAnActiveIncidentInUkSouth() {
        Normalized n = ActivityLogRestNormalizer.normalize(
                SharedFixtures.json("activity-log-rest/rest-servicehealth-incident-NA0F-BJG.json"),
                Sources.ACTIVITY_LOG);

        assertEquals(
                List.of(new HealthEvent(
                        "activity-log",
                        HealthEventKind.SERVICE_INCIDENT,
                        "NA0F-BJG",
                        "Network Infrastructure - UK South",
                        "Starting at approximately 21:41 UTC on 20 Jul 2017, a subset of customers in UK South may "
                                + "experience degraded performance, connectivity drops or timeouts when accessing "
                                + "their Azure resources hosted in this region. Engineers are investigating "
                                + "underlying Network Infrastructure issues in this region. Impacted services may "
                                + "include, but are not limited to App Services, Automation, Service Bus, Log "
                                + "Analytics, Key Vault, SQL Database, Service Fabric, Event Hubs, Stream Analytics, "
                                + "Azure Data Movement, API Management, and Azure Cognitive Search. Multiple "
                                + "engineering teams are engaged in multiple workflows to mitigate the impact. The "
                                + "next update will be provided in 60 minutes, or as events warrant.",
                        HealthStage.ACTIVE,
                        "warning",
                        List.of(new ImpactedService("Service Fabric", "uksouth")),
                        List.of(),
                        "<subscription id>",
                        Instant.parse("2017-07-20T21:41:00Z"),
                        null,
                        Instant.parse("2017-07-20T23:30:14.8022297Z"),
                        "https://app.azure.com/h/NA0F-BJG",
                        null,
                        false)),
                n.events());
    }

    @Test
    void restResourceHealthUsesItsOwnPropertyNamesAndCriticalLevel() {
        Normalized n = ActivityLogRestNormalizer.normalize(
                SharedFixtures.json("activity-log-rest/rest-resourcehealth-vm-unavailable.json"), Sources.ACTIVITY_LOG);

        assertEquals(
                List.of(new HealthEvent(
                        "activity-log",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        "Virtual Machine health status changed to unavailable",
                        "Virtual machine has experienced an unexpected event",
                        HealthStage.ACTIVE,
                        "critical",
                        List.of(),
                        List.of("/subscriptions/<subscription id>/resourcegroups/<resource "
                                + "group>/providers/microsoft.compute/virtualmachines/<resource name>"),
                        "<subscription id>",
                        Instant.parse("2018-09-04T15:33:43.650Z"),
                        null,
                        Instant.parse("2018-09-04T15:33:43.650Z"),
                        "https://portal.azure.com/#resource/subscriptions/<subscription ID>/resourceGroups/<resource "
                                + "group>/providers/Microsoft.Compute/virtualMachines/<resource name>/resourceHealth",
                        "unavailable",
                        false)),
                n.events());
    }

    @Test
    void eventHubsAdministrativeEnvelopeIsUnsupportedWithTheReason() {
        Normalized n = ActivityLogRecordsNormalizer.normalize(
                SharedFixtures.json("activity-log-eventhub/records-envelope-administrative-official-sample.json"),
                Sources.EVENT_HUBS);

        assertEquals(List.of(), n.events());
        assertEquals(
                List.of("unsupported category 'Write' (operation microsoft.support/supporttickets/write): "
                        + "only ServiceHealth and ResourceHealth activity-log events are ingested"),
                n.unsupported());
    }

    @Test
    void eventHubsServiceHealthRecordIsTheSameUpdateAsTheWebhookAlert() throws IOException {
        // Hand-written (Microsoft publishes no ServiceHealth record in this shape): the test-action incident as
        // diagnostic settings export it, with eventProperties, an upper-case resource id and level "Information".
        Normalized n = ActivityLogRecordsNormalizer.normalize(
                resource("eventhubs/servicehealth-records.json"), Sources.EVENT_HUBS);

        assertEquals(2, n.events().size());
        HealthEvent incident = n.events().get(0);
        assertEquals(
                new HealthEvent(
                        "event-hubs",
                        HealthEventKind.SERVICE_INCIDENT,
                        "ABC1-DEF",
                        "Test Action Group - Test Service Health Alert",
                        "Summary of impact: This is the impact summary.\nMitigation: Mitigation description.",
                        HealthStage.RESOLVED,
                        "informational",
                        List.of(new ImpactedService("Azure Service Name", "global")),
                        List.of(),
                        "11111111-1111-1111-1111-111111111111",
                        Instant.parse("2021-11-16T20:00:00Z"),
                        Instant.parse("2021-11-17T01:00:00Z"),
                        Instant.parse("2021-11-17T05:34:44.5778226Z"),
                        "https://app.azure.com/h/ABC1-DEF/111111",
                        null,
                        true),
                incident);
        HealthEvent resource = n.events().get(1);
        assertEquals(HealthEventKind.RESOURCE_AVAILABILITY, resource.kind());
        assertEquals(
                List.of("/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/"
                        + "microsoft.compute/virtualmachines/test-vm-eh"),
                resource.resourceIds());
        assertEquals("available", resource.availabilityState());
        assertEquals(HealthStage.RESOLVED, resource.stage());
        assertEquals(Instant.parse("2021-11-16T10:05:00Z"), resource.impactMitigation());
        assertEquals("informational", resource.level());
    }

    @Test
    void recordsThatAreNotAnArrayNameThePath() {
        JsonNode root = JsonCodec.tree(java.util.Map.of("records", "nope"));

        PayloadException e = assertThrows(
                PayloadException.class, () -> ActivityLogRecordsNormalizer.normalize(root, Sources.EVENT_HUBS));

        assertEquals("records: expected an array, got a string", e.getMessage());
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = ActivityLogNormalizersTest.class.getResourceAsStream("/" + name)) {
            return JsonCodec.mapper().readTree(in);
        }
    }
}
