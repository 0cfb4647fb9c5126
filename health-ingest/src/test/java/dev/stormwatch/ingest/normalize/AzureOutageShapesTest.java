package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Outages as Azure reports them, on payloads shaped like Azure's: one event per (tracking id, service) with every
 * region of that service, PIRs without tags, maintenance before, during and after, and emerging issues.
 */
class AzureOutageShapesTest {

    private static final String SUB = "a1b2c3d4-0000-4000-8000-00000000beef";

    /**
     * A ServiceHealth incident in the common alert schema; {@code impactedServices} is JSON inside a string, as Azure
     * sends it.
     */
    static String serviceHealthAlert(
            String trackingId, String subscription, String eventTimestamp, String stage, String impactedServices) {
        return """
                {"schemaId":"azureMonitorCommonAlertSchema",\
                "data":{"essentials":{"alertId":"/subscriptions/%2$s/providers/Microsoft.AlertsManagement/alerts/1",
                 "alertRule":"sh-all","severity":"Sev4","signalType":"Activity Log","monitorCondition":"Fired",\
                "monitoringService":"ServiceHealth",
                 "alertTargetIDs":["/subscriptions/%2$s"],"originAlertId":"x","firedDateTime":"%3$s","description":"",\
                "essentialsVersion":"1.0","alertContextVersion":"1.0"},
                 "alertContext":{"authorization":null,"channels":1,"claims":null,"caller":null,"correlationId":"c",\
                "eventSource":2,"eventTimestamp":"%3$s",
                  "httpRequest":null,"eventDataId":"d","level":2,\
                "operationName":"Microsoft.ServiceHealth/incident/action","operationId":"o",
                  "properties":{"title":"Azure Front Door and Azure CDN - Connectivity issues",\
                "service":"Azure Front Door","region":"Global",
                   "communication":"<p><strong>Impact Statement:</strong> Starting at 15:41 UTC on 9 Oct 2025,\
                 customers may see timeouts.</p>",
                   "incidentType":"Incident","trackingId":"%1$s","impactStartTime":"2025-10-09T15:41:00Z",\
                "version":"0.1.1","impactedServices":%5$s,
                   "impactType":"SubscriptionList",\
                "defaultLanguageTitle":"Azure Front Door and Azure CDN - Connectivity issues",
                   "defaultLanguageContent":"<p>Starting at 15:41 UTC</p>","stage":"%4$s",\
                "communicationId":"11000084400000","isHIR":"false","IsSynthetic":"False",
                   "impactCategory":"Service Issue"},"status":"%4$s","subStatus":null,"submissionTimestamp":"%3$s",\
                "ResourceType":null}}}
                """.formatted(
                        trackingId,
                        subscription,
                        eventTimestamp,
                        stage,
                        JsonCodec.mapper().valueToTree(impactedServices).toString());
    }

    static final String FRONT_DOOR_AND_CDN =
            "[{\"ImpactedRegions\":[{\"RegionName\":\"Global\"},{\"RegionName\":\"West Europe\"}],"
                    + "\"ServiceName\":\"Azure Front Door\"},{\"ImpactedRegions\":[{\"RegionName\":\"Global\"}],"
                    + "\"ServiceName\":\"Azure CDN\"}]";

    @Test
    void frontDoorAndCdnIssueIsTwoEventsEachWithAllItsRegionsKeyedByTheTrackingId() {
        Normalized n = AzureMonitorWebhook.normalize(json(
                serviceHealthAlert("QKNQ-PRZ", SUB, "2025-10-09T16:12:00.1234567Z", "Active", FRONT_DOOR_AND_CDN)));

        assertEquals(2, n.events().size());
        HealthEvent frontDoor = n.events().get(0);
        HealthEvent cdn = n.events().get(1);
        assertEquals(
                List.of(
                        new ImpactedService("Azure Front Door", "global"),
                        new ImpactedService("Azure Front Door", "westeurope")),
                frontDoor.impacted());
        assertEquals(List.of(new ImpactedService("Azure CDN", "global")), cdn.impacted());
        for (HealthEvent e : n.events()) {
            assertEquals("QKNQ-PRZ", e.key());
            assertEquals(SUB, e.subscriptionId());
            assertEquals(HealthStage.ACTIVE, e.stage());
            assertEquals("warning", e.level());
            assertEquals(Instant.parse("2025-10-09T15:41:00Z"), e.impactStart());
            assertEquals(Instant.parse("2025-10-09T16:12:00.1234567Z"), e.lastUpdate());
        }
    }

    @Test
    void virtualMachinesAndScaleSetsResourceHealthEventIsTwoEventsWithEachServicesNewestUpdate() {
        String body = """
                {"value":[{"id":"/subscriptions/%1$s/providers/Microsoft.ResourceHealth/events/VN11-JD8",\
                "name":"VN11-JD8",
                 "type":"Microsoft.ResourceHealth/events","properties":{"eventType":"ServiceIssue",\
                "eventSource":"ServiceHealth","status":"Active",
                  "title":"Virtual Machines and VM Scale Sets - East US 2","summary":"<p>Investigating</p>",\
                "level":"Warning","eventLevel":"Warning",
                  "isHIR":false,"priority":12,"impactStartTime":"2025-01-08T22:00:00Z",\
                "lastUpdateTime":"2025-01-09T01:05:12.4Z",
                  "impact":[
                   {"impactedService":"Virtual Machines","impactedServiceGuid":"g1","impactedRegions":[
                     {"impactedRegion":"East US 2","status":"Active","impactedSubscriptions":["%1$s"],\
                "lastUpdateTime":"2025-01-09T01:05:12.4Z",
                      "updates":[{"summary":"<p>VM update 1</p>","updateDateTime":"2025-01-08T23:00:00Z"},
                                 {"summary":"<p>VM update 2</p>","updateDateTime":"2025-01-09T01:05:12.4Z"}]},
                     {"impactedRegion":"Central US","status":"Active","impactedSubscriptions":["%1$s"],
                      "updates":[{"summary":"<p>VM Central</p>","updateDateTime":"2025-01-09T00:10:00Z"}]}]},
                   {"impactedService":"Virtual Machine Scale Sets","impactedServiceGuid":"g2","impactedRegions":[
                     {"impactedRegion":"East US 2","status":"Active","impactedSubscriptions":["%1$s"],
                      "updates":[{"summary":"<p>VMSS update 1</p>","updateDateTime":"2025-01-08T23:30:00Z"}]}]}]}}]}
                """.formatted(SUB);

        Normalized n = ResourceHealthEventsNormalizer.normalize(
                json(body), SUB, Sources.RESOURCE_HEALTH, Instant.parse("2025-01-09T01:06:00Z"));

        assertEquals(2, n.events().size());
        HealthEvent vm = n.events().get(0);
        HealthEvent vmss = n.events().get(1);
        assertEquals(
                List.of(
                        new ImpactedService("Virtual Machines", "eastus2"),
                        new ImpactedService("Virtual Machines", "centralus")),
                vm.impacted());
        assertEquals("VM update 2", vm.summary());
        assertEquals(List.of(new ImpactedService("Virtual Machine Scale Sets", "eastus2")), vmss.impacted());
        assertEquals("VMSS update 1", vmss.summary());
        assertEquals("VN11-JD8", vm.key());
        assertEquals("VN11-JD8", vmss.key());
        assertEquals(HealthEventKind.SERVICE_INCIDENT, vmss.kind());
    }

    private static String restEvent(
            String eventType,
            String status,
            String title,
            String article,
            String impactStart,
            String impactMitigation,
            String lastUpdate,
            String tags) {
        return """
                {"value":[{"name":"PIR1-XYZ","type":"Microsoft.ResourceHealth/events","properties":{"eventType":"%s",\
                "eventSource":"ServiceHealth",
                 "status":"%s","title":"%s","summary":"<p>s</p>","article":{"articleContent":"%s"},"level":"Warning",\
                "eventLevel":"Informational",
                 "impactStartTime":"%s","impactMitigationTime":"%s","lastUpdateTime":"%s",
                 "impact":[{"impactedService":"Azure Front Door","impactedRegions":[{"impactedRegion":"Global",\
                "status":"%2$s",
                  "updates":[{"summary":"<p>u</p>","updateDateTime":"%7$s","eventTags":%s}]}]}]}}]}
                """.formatted(eventType, status, title, article, impactStart, impactMitigation, lastUpdate, tags);
    }

    private static HealthStage stageOf(
            String eventType,
            String status,
            String title,
            String article,
            String impactStart,
            String impactMitigation,
            String lastUpdate,
            String now) {
        return ResourceHealthEventsNormalizer.normalize(
                        json(restEvent(
                                eventType, status, title, article, impactStart, impactMitigation, lastUpdate, "[]")),
                        SUB,
                        Sources.RESOURCE_HEALTH,
                        Instant.parse(now))
                .events()
                .get(0)
                .stage();
    }

    @Test
    void pirWithoutTagsIsRecognisedByItsTitle() {
        assertEquals(
                HealthStage.RCA,
                stageOf(
                        "ServiceIssue",
                        "Resolved",
                        "Post Incident Review (PIR) – Azure Front Door – Connectivity issues across multiple regions",
                        "<p>Summary</p>",
                        "2025-10-09T15:41:00Z",
                        "2025-10-10T00:05:00Z",
                        "2025-10-24T12:00:00Z",
                        "2025-10-24T12:01:00Z"));
        assertEquals(
                HealthStage.RCA,
                stageOf(
                        "ServiceIssue",
                        "Resolved",
                        "Preliminary Post Incident Review (PIR) - Azure Resource Manager - Failures",
                        "<p>Summary</p>",
                        "2025-10-09T15:41:00Z",
                        "2025-10-10T00:05:00Z",
                        "2025-10-12T12:00:00Z",
                        "2025-10-12T12:01:00Z"));
    }

    @Test
    void pirWithoutTagsIsRecognisedByItsArticleButAPromiseOfOneIsNot() {
        assertEquals(
                HealthStage.RCA,
                stageOf(
                        "ServiceIssue",
                        "Resolved",
                        "Azure Front Door - Connectivity issues",
                        "<h3>What happened?</h3><p>Between 15:41 UTC …</p><h3>What went wrong and why?</h3><p>A "
                                + "configuration change …</p>",
                        "2025-10-09T15:41:00Z",
                        "2025-10-10T00:05:00Z",
                        "2025-10-24T12:00:00Z",
                        "2025-10-24T12:01:00Z"));
        assertEquals(
                HealthStage.RESOLVED,
                stageOf(
                        "ServiceIssue",
                        "Resolved",
                        "Azure Front Door - Connectivity issues",
                        "<p>Mitigated. We will publish a Preliminary Post Incident Review (PIR) within 3 days.</p>",
                        "2025-10-09T15:41:00Z",
                        "2025-10-10T00:05:00Z",
                        "2025-10-10T00:30:00Z",
                        "2025-10-10T00:31:00Z"));
        assertEquals(
                HealthStage.ACTIVE,
                stageOf(
                        "ServiceIssue",
                        "Active",
                        "Azure Front Door - Connectivity issues",
                        "<p>Investigating.</p>",
                        "2025-10-09T15:41:00Z",
                        "0001-01-01T00:00:00",
                        "2025-10-09T16:00:00Z",
                        "2025-10-09T16:01:00Z"));
    }

    @Test
    void plannedMaintenanceIsPlannedBeforeItsStartActiveDuringAndCompleteAfter() {
        String start = "2025-03-01T01:00:00Z";
        String end = "2025-03-01T05:00:00Z";
        assertEquals(
                HealthStage.PLANNED,
                stageOf(
                        "PlannedMaintenance",
                        "Active",
                        "Planned maintenance for Azure SQL Database",
                        "<p>m</p>",
                        start,
                        end,
                        "2025-02-20T10:00:00Z",
                        "2025-02-25T00:00:00Z"));
        assertEquals(
                HealthStage.ACTIVE,
                stageOf(
                        "PlannedMaintenance",
                        "Active",
                        "Planned maintenance for Azure SQL Database",
                        "<p>m</p>",
                        start,
                        end,
                        "2025-02-20T10:00:00Z",
                        "2025-03-01T02:00:00Z"));
        assertEquals(
                HealthStage.COMPLETE,
                stageOf(
                        "PlannedMaintenance",
                        "Active",
                        "Planned maintenance for Azure SQL Database",
                        "<p>m</p>",
                        start,
                        end,
                        "2025-02-20T10:00:00Z",
                        "2025-03-01T06:00:00Z"));
        assertEquals(
                HealthStage.COMPLETE,
                stageOf(
                        "PlannedMaintenance",
                        "Resolved",
                        "Planned maintenance for Azure SQL Database",
                        "<p>m</p>",
                        start,
                        end,
                        "2025-03-01T05:10:00Z",
                        "2025-03-01T05:11:00Z"));
    }

    @Test
    void emergingIssueIsAServiceIncidentPerServiceTiedToNoSubscription() {
        String body = """
                {"value":[{"id":"/providers/Microsoft.ResourceHealth/emergingIssues/default","name":"default",
                 "type":"Microsoft.ResourceHealth/emergingIssues",\
                "properties":{"refreshTimestamp":"2025-10-29T16:20:00Z",
                  "statusBanners":[{"title":"Azure Portal","message":"Some customers may see delays.",\
                "cloud":"Public","lastModifiedTime":"2025-10-29T16:18:00Z"}],
                  "statusActiveEvents":[
                   {"title":"Azure Front Door - Connectivity issues",\
                "description":"<p>Starting at approximately 16:00 UTC …</p>","trackingId":"YKYN-BWZ",
                    "startTime":"2025-10-29T16:00:00Z","cloud":"Public","severity":"Error","stage":"Active",\
                "published":true,
                    "lastModifiedTime":"2025-10-29T16:19:30Z",
                    "impacts":[{"id":"azure-front-door","name":"Azure Front Door","regions":[]},
                               {"id":"app-service","name":"App Service","regions":[{"id":"westeurope",\
                "name":"West Europe"},{"id":"northeurope","name":"North Europe"}]}]},
                   {"title":"Draft","description":"d","trackingId":"DRAF-T00","startTime":"2025-10-29T16:00:00Z",\
                "stage":"Active","published":false,
                    "lastModifiedTime":"2025-10-29T16:19:30Z","impacts":[]}]}}]}
                """;

        Normalized n = EmergingIssuesNormalizer.normalize(json(body), Sources.EMERGING_ISSUES);

        assertEquals(
                List.of(
                        new HealthEvent(
                                "emerging-issues",
                                HealthEventKind.SERVICE_INCIDENT,
                                "YKYN-BWZ",
                                "Azure Front Door - Connectivity issues",
                                "Starting at approximately 16:00 UTC …",
                                HealthStage.ACTIVE,
                                "error",
                                List.of(new ImpactedService("Azure Front Door", "global")),
                                List.of(),
                                null,
                                Instant.parse("2025-10-29T16:00:00Z"),
                                null,
                                Instant.parse("2025-10-29T16:19:30Z"),
                                "https://app.azure.com/h/YKYN-BWZ",
                                null,
                                false),
                        new HealthEvent(
                                "emerging-issues",
                                HealthEventKind.SERVICE_INCIDENT,
                                "YKYN-BWZ",
                                "Azure Front Door - Connectivity issues",
                                "Starting at approximately 16:00 UTC …",
                                HealthStage.ACTIVE,
                                "error",
                                List.of(
                                        new ImpactedService("App Service", "westeurope"),
                                        new ImpactedService("App Service", "northeurope")),
                                List.of(),
                                null,
                                Instant.parse("2025-10-29T16:00:00Z"),
                                null,
                                Instant.parse("2025-10-29T16:19:30Z"),
                                "https://app.azure.com/h/YKYN-BWZ",
                                null,
                                false)),
                n.events());
        assertEquals(
                List.of("1 status banner(s) at value[0]: a banner names no tracking id or service"), n.unsupported());
    }

    static JsonNode json(String s) {
        return JsonCodec.fromJson(s, JsonNode.class);
    }
}
