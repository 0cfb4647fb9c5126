package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The action-group webhook payloads of ../shared/fixtures/common-alert-schema, normalized field by field. */
class CommonAlertSchemaNormalizerTest {

    @Test
    void serviceHealthIncidentTestActionIsAResolvedSyntheticIncidentWithPlainTextSummary() {
        Normalized n = AzureMonitorWebhook.normalize(
                SharedFixtures.json("common-alert-schema/cas-servicehealth-incident-testaction.json"));

        assertEquals(List.of(), n.unsupported());
        assertEquals(
                List.of(new HealthEvent(
                        "azure-monitor",
                        HealthEventKind.SERVICE_INCIDENT,
                        "ABC1-DEF",
                        "Test Action Group - Test Service Health Alert",
                        "Summary of impact: This is the impact summary.\n"
                                + "Preliminary Root Cause: This is the preliminary root cause.\n"
                                + "Mitigation: Mitigation description.\n"
                                + "Next steps: These are the next steps.\n"
                                + "Stay informed about Azure service issues by creating custom service health alerts: "
                                + "https://aka.ms/ash-videos for video tutorials and https://aka.ms/ash-alerts for "
                                + "how-to documentation.",
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
                        true)),
                n.events());
    }

    @Test
    void resourceHealthTestActionIsAnUnavailableResourceKeyedByTheAlertTarget() {
        Normalized n = AzureMonitorWebhook.normalize(
                SharedFixtures.json("common-alert-schema/cas-resourcehealth-testaction.json"));

        assertEquals(
                List.of(new HealthEvent(
                        "azure-monitor",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        "Rebooted by user",
                        null,
                        HealthStage.ACTIVE,
                        "informational",
                        List.of(),
                        List.of("/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/"
                                + "microsoft.compute/virtualmachines/test-vm"),
                        "11111111-1111-1111-1111-111111111111",
                        Instant.parse("2021-11-16T09:50:20.406Z"),
                        null,
                        Instant.parse("2021-11-16T09:50:20.406Z"),
                        "https://portal.azure.com/#resource/subscriptions/11111111-1111-1111-1111-111111111111/"
                                + "resourcegroups/test-RG/providers/microsoft.compute/virtualmachines/test-VM/"
                                + "resourceHealth",
                        "unavailable",
                        false)),
                n.events());
        assertEquals(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/microsoft."
                        + "compute/virtualmachines/test-vm",
                n.events().get(0).key());
    }

    @Test
    void maintenanceAlertContextWithNumericEnumsIsPlannedMaintenanceInEastUs() {
        JsonNode ctx = SharedFixtures.json(
                        "common-alert-schema/cas-alertcontext-servicehealth-maintenance-numeric-enums.json")
                .get("alertContext");

        Normalized n = CommonAlertSchemaNormalizer.fromAlertContext(ctx, Sources.AZURE_MONITOR);

        // "<MESSAGE>" is the docs' placeholder; read as HTML it is an empty element, hence no summary.
        assertEquals(
                List.of(new HealthEvent(
                        "azure-monitor",
                        HealthEventKind.PLANNED_MAINTENANCE,
                        "<GUID>",
                        "Azure Synapse Analytics Scheduled Maintenance Pending",
                        null,
                        HealthStage.PLANNED,
                        "informational",
                        List.of(new ImpactedService("Azure Synapse Analytics", "eastus")),
                        List.of(),
                        null,
                        Instant.parse("2019-06-26T04:00:00Z"),
                        Instant.parse("2019-06-26T12:00:00Z"),
                        Instant.parse("2019-06-24T11:31:19.0312699Z"),
                        "https://app.azure.com/h/<GUID>",
                        null,
                        false)),
                n.events());
    }

    @Test
    void resourceHealthAlertContextUserInitiatedIsUnavailableWithoutAResource() {
        JsonNode ctx = SharedFixtures.json("common-alert-schema/cas-alertcontext-resourcehealth-userinitiated.json")
                .get("alertContext");

        Normalized n = CommonAlertSchemaNormalizer.fromAlertContext(ctx, Sources.AZURE_MONITOR);

        assertEquals(
                List.of(new HealthEvent(
                        "azure-monitor",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        "This virtual machine is stopping and deallocating as requested by an authorized user or "
                                + "process",
                        null,
                        HealthStage.ACTIVE,
                        "informational",
                        List.of(),
                        List.of(),
                        null,
                        Instant.parse("2019-06-24T15:42:54.074Z"),
                        null,
                        Instant.parse("2019-06-24T15:42:54.074Z"),
                        null,
                        "unavailable",
                        false)),
                n.events());
    }

    @Test
    void legacyActivityLogWebhookResourceHealthIsAPlatformInitiatedOutage() {
        Normalized n = AzureMonitorWebhook.normalize(
                SharedFixtures.json("common-alert-schema/legacy-activitylog-webhook-resourcehealth.json"));

        assertEquals(
                List.of(new HealthEvent(
                        "azure-monitor",
                        HealthEventKind.RESOURCE_AVAILABILITY,
                        null,
                        "Virtual Machine health status changed to unavailable",
                        "Virtual machine has experienced an unexpected event",
                        HealthStage.ACTIVE,
                        "informational",
                        List.of(),
                        List.of("/subscriptions/<subscription id>/resourcegroups/<resource "
                                + "group>/providers/microsoft.compute/virtualmachines/<resource name>"),
                        "<subscription id>",
                        Instant.parse("2018-09-04T23:09:03.343Z"),
                        null,
                        Instant.parse("2018-09-04T23:09:03.343Z"),
                        "https://portal.azure.com/#resource/subscriptions/<subscription Id>/resourceGroups/<resource "
                                + "group>/providers/Microsoft.Compute/virtualMachines/<resource name>/resourceHealth",
                        "unavailable",
                        false)),
                n.events());
    }

    @Test
    void impactedServicesEscapedStringDecodesToTheDocumentedParsedFormWithCanonicalRegions() {
        JsonNode escaped = SharedFixtures.json("common-alert-schema/impactedServices-multi-region-escaped.json")
                .get("data.context.activityLog.properties.impactedServices");
        JsonNode parsed = SharedFixtures.json("common-alert-schema/impactedServices-multi-region-parsed.json");

        List<ImpactedService> expected = List.of(
                new ImpactedService("Alerts & Metrics", "australiaeast"),
                new ImpactedService("Alerts & Metrics", "australiasoutheast"),
                new ImpactedService("App Service", "australiasoutheast"));
        assertEquals(expected, ImpactedServicesField.parse(escaped));
        assertEquals(expected, ImpactedServicesField.parse(parsed));
    }

    @Test
    void badInnerImpactedServicesJsonFallsBackToServiceAndRegion() {
        JsonNode root = dev.stormwatch.contracts.JsonCodec.mapper()
                .createObjectNode()
                .put("schemaId", "Microsoft.Insights/activityLogs");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root)
                .set(
                        "data",
                        dev.stormwatch.contracts.JsonCodec.tree(java.util.Map.of(
                                "context",
                                java.util.Map.of(
                                        "activityLog",
                                        java.util.Map.of(
                                                "eventSource", "ServiceHealth",
                                                "eventTimestamp", "2017-03-29T15:43:21.0000000Z",
                                                "properties",
                                                        java.util.Map.of(
                                                                "trackingId", "XY12-ABC",
                                                                "incidentType", "Incident",
                                                                "stage", "Active",
                                                                "service", "Key Vault",
                                                                "region", "West Europe",
                                                                "impactedServices", "[{\"ImpactedRegions\"}]"))))));

        Normalized n = AzureMonitorWebhook.normalize(root);

        assertEquals(
                List.of(new ImpactedService("Key Vault", "westeurope")),
                n.events().get(0).impacted());
    }

    @Test
    void unknownSchemaSaysWhatWasExpected() {
        JsonNode root =
                dev.stormwatch.contracts.JsonCodec.mapper().createObjectNode().put("schemaId", "something-else");

        PayloadException e = assertThrows(PayloadException.class, () -> AzureMonitorWebhook.normalize(root));

        assertEquals("schemaId: unknown schema 'something-else'; " + AzureMonitorWebhook.EXPECTED, e.getMessage());
    }

    @Test
    void wronglyTypedAlertContextNamesThePath() {
        JsonNode root = dev.stormwatch.contracts.JsonCodec.tree(java.util.Map.of(
                "schemaId",
                "azureMonitorCommonAlertSchema",
                "data",
                java.util.Map.of(
                        "essentials", java.util.Map.of("signalType", "Activity Log"), "alertContext", "oops")));

        PayloadException e = assertThrows(PayloadException.class, () -> AzureMonitorWebhook.normalize(root));

        assertEquals("data.alertContext: expected an object, got a string", e.getMessage());
    }

    @Test
    void administrativeAlertIsUnsupportedWithTheReason() {
        JsonNode root = dev.stormwatch.contracts.JsonCodec.tree(java.util.Map.of(
                "schemaId",
                "azureMonitorCommonAlertSchema",
                "data",
                java.util.Map.of(
                        "essentials",
                                java.util.Map.of(
                                        "signalType",
                                        "Activity Log",
                                        "monitoringService",
                                        "Activity Log - Administrative"),
                        "alertContext",
                                java.util.Map.of(
                                        "operationName",
                                        "Microsoft.Compute/virtualMachines/restart/action",
                                        "eventTimestamp",
                                        "2021-11-16T09:50:20.406+00:00"))));

        Normalized n = AzureMonitorWebhook.normalize(root);

        assertEquals(List.of(), n.events());
        assertEquals(
                List.of("unsupported category 'Administrative' (operation "
                        + "Microsoft.Compute/virtualMachines/restart/action): only ServiceHealth and "
                        + "ResourceHealth activity-log events are ingested"),
                n.unsupported());
    }
}
