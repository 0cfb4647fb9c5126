package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resource Graph rows and Event Grid HealthResources events of ../shared/fixtures, normalized field by field. */
class HealthResourcesNormalizersTest {

    private static final String VM =
            "/subscriptions/{subscription-id}/resourceGroups/{rg-name}/providers/Microsoft.Compute/virtualMachines/"
                    + "{vm-name}";
    private static final Instant AT = Instant.parse("2023-07-24T19:20:37.9245071Z");

    @Test
    void resourceGraphAvailabilityStatusRowSpelledOccurredTime() {
        ObjectNode row =
                JsonCodec.mapper().createObjectNode().put("type", "microsoft.resourcehealth/availabilitystatuses");
        row.set(
                "properties",
                SharedFixtures.json("resource-graph/healthresources-availabilitystatuses-properties.json"));

        Normalized n = ResourceGraphNormalizer.normalize(
                JsonCodec.mapper().createArrayNode().add(row), Sources.RESOURCE_GRAPH);

        String resource =
                "/subscriptions/<subscriptionId>/resourceGroups/<ResourceGroupName>/providers/Microsoft.Compute/"
                        + "virtualMachines/<VMName>";
        assertEquals(
                List.of(new HealthEvent(
                        "resource-graph",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        null,
                        null,
                        HealthStage.ACTIVE,
                        "critical",
                        List.of(),
                        List.of(resource.toLowerCase(java.util.Locale.ROOT)),
                        "<subscriptionid>",
                        Instant.parse("2022-10-11T11:13:59.957Z"),
                        null,
                        Instant.parse("2022-10-11T11:13:59.957Z"),
                        "https://portal.azure.com/#resource" + resource + "/resourceHealth",
                        "unavailable",
                        false)),
                n.events());
    }

    @Test
    void resourceGraphServiceHealthRowWithPascalCaseAndNumericTimes() {
        // No public ServiceHealthResources row exists (INDEX.md): this one follows the documented field list.
        String row = """
                {"data":[{"id":"/subscriptions/aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb/providers/\
                Microsoft.ResourceHealth/events/YL_3-R98",
                  "name":"YL_3-R98","type":"microsoft.resourcehealth/events",\
                "subscriptionId":"AAAAAAAA-0000-0000-0000-BBBBBBBBBBBB",
                  "properties":{"EventType":"ServiceIssue","Status":"Active","EventLevel":"Warning","Level":"Warning",\
                "TrackingId":"YL_3-R98",
                   "Title":"Key Vault - West Europe","Summary":"<p>Engineers are investigating.</p>",
                   "ImpactStartTime":1700000000000,"ImpactMitigationTime":0,"LastUpdateTime":638360352000000000,
                   "Impact":[{"ImpactedService":"Key Vault","ImpactedRegions":[{"ImpactedRegion":"West Europe"}]}]}}]}
                """;

        Normalized n =
                ResourceGraphNormalizer.normalize(JsonCodec.fromJson(row, JsonNode.class), Sources.RESOURCE_GRAPH);

        assertEquals(
                List.of(new HealthEvent(
                        "resource-graph",
                        HealthEventKind.SERVICE_INCIDENT,
                        "YL_3-R98",
                        "Key Vault - West Europe",
                        "Engineers are investigating.",
                        HealthStage.ACTIVE,
                        "warning",
                        List.of(new ImpactedService("Key Vault", "westeurope")),
                        List.of(),
                        "aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb",
                        Instant.parse("2023-11-14T22:13:20Z"),
                        null,
                        Instant.parse("2023-11-20T00:00:00Z"),
                        "https://app.azure.com/h/YL_3-R98/aaabbb",
                        null,
                        false)),
                n.events());
    }

    @Test
    void eventGridCloudEventAvailabilityStatusChangedBackToAvailable() {
        Normalized n = AzureMonitorWebhook.normalize(
                SharedFixtures.json("eventgrid-health-resources/cloudevent-AvailabilityStatusChanged-schema-doc.json"));

        assertEquals(List.of(available()), n.events());
    }

    @Test
    void eventGridSchemaAvailabilityStatusChangedIsTheSameEvent() {
        Normalized n = EventGridHealthResourcesNormalizer.normalize(
                SharedFixtures.json(
                        "eventgrid-health-resources/eventgridschema-AvailabilityStatusChanged-schema-doc.json"),
                Sources.EVENT_GRID);

        assertEquals(List.of(available()), n.events());
    }

    @Test
    void eventGridCloudEventResourceAnnotatedIsACompleteNotice() {
        Normalized n = EventGridHealthResourcesNormalizer.normalize(
                SharedFixtures.json("eventgrid-health-resources/cloudevent-ResourceAnnotated-schema-doc.json"),
                Sources.EVENT_GRID);

        assertEquals(List.of(annotated()), n.events());
    }

    @Test
    void eventGridSchemaResourceAnnotatedIsTheSameNotice() {
        JsonNode array = JsonCodec.mapper()
                .createArrayNode()
                .add(SharedFixtures.json(
                        "eventgrid-health-resources/eventgridschema-ResourceAnnotated-schema-doc.json"));

        Normalized n = AzureMonitorWebhook.normalize(array);

        assertEquals(List.of(annotated()), n.events());
    }

    private static HealthEvent available() {
        return new HealthEvent(
                "event-grid",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                null,
                null,
                HealthStage.RESOLVED,
                "informational",
                List.of(),
                List.of(VM.toLowerCase(java.util.Locale.ROOT)),
                "{subscription-id}",
                null,
                AT,
                AT,
                "https://portal.azure.com/#resource" + VM + "/resourceHealth",
                "available",
                false);
    }

    private static HealthEvent annotated() {
        return new HealthEvent(
                "event-grid",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                "Stopping and deallocating",
                "This virtual machine is stopped and deallocated as requested by an authorized user or process.",
                HealthStage.COMPLETE,
                "informational",
                List.of(),
                List.of(VM.toLowerCase(java.util.Locale.ROOT)),
                "{subscription-id}",
                null,
                null,
                AT,
                "https://portal.azure.com/#resource" + VM + "/resourceHealth",
                null,
                false);
    }
}
