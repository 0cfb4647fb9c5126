package dev.stormwatch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /q/openapi describes every endpoint with its schemas and error answers, behind a role like everything else. */
@QuarkusTest
class OpenApiIT {

    /** Every operation of /api/v1 and the answers it documents besides 401/403/500. */
    static final Map<String, List<String>> OPERATIONS = Map.ofEntries(
            Map.entry("get /api/v1/platforms", List.of("200")),
            Map.entry("get /api/v1/platforms/{platformId}", List.of("200", "404")),
            Map.entry("get /api/v1/platforms/{platformId}/status", List.of("200", "400", "404")),
            Map.entry("get /api/v1/platforms/{platformId}/catalog", List.of("200", "404")),
            Map.entry("put /api/v1/platforms/{platformId}/catalog", List.of("202", "400", "503")),
            Map.entry("get /api/v1/incidents", List.of("200", "400")),
            Map.entry("get /api/v1/incidents/{incidentId}", List.of("200", "404")),
            Map.entry("get /api/v1/incidents/{incidentId}/timeline", List.of("200", "404")),
            Map.entry("get /api/v1/incidents/{incidentId}/pages", List.of("200", "404")),
            Map.entry("get /api/v1/incidents/{incidentId}/audit", List.of("200", "404")),
            Map.entry("get /api/v1/decisions", List.of("200", "400")),
            Map.entry("get /api/v1/decisions/{decisionId}", List.of("200", "404")),
            Map.entry("post /api/v1/decisions/{decisionId}/approve", List.of("202", "400", "404", "409", "503")),
            Map.entry("post /api/v1/decisions/{decisionId}/decline", List.of("202", "400", "404", "409", "503")),
            Map.entry("get /api/v1/pages", List.of("200", "400")),
            Map.entry("get /api/v1/pages/{pageId}", List.of("200", "404")),
            Map.entry("post /api/v1/pages/{pageId}/ack", List.of("202", "404", "409", "502")),
            Map.entry("get /api/v1/handovers", List.of("200")),
            Map.entry("get /api/v1/audit", List.of("200", "400")),
            Map.entry("get /api/v1/feasibility", List.of("200")),
            Map.entry("get /api/v1/feasibility/{platformId}", List.of("200", "404")),
            Map.entry("get /api/v1/dashboard", List.of("200")),
            Map.entry("get /api/v1/timeline", List.of("200", "400")),
            Map.entry("get /api/v1/stream", List.of("200")),
            Map.entry("post /api/v1/subscriptions", List.of("201", "400", "503")),
            Map.entry("get /api/v1/subscriptions", List.of("200")),
            Map.entry("get /api/v1/subscriptions/{subscriptionId}", List.of("200", "404")),
            Map.entry("delete /api/v1/subscriptions/{subscriptionId}", List.of("204", "404")),
            Map.entry("get /api/v1/subscriptions/{subscriptionId}/dead-letters", List.of("200", "404")),
            Map.entry("post /api/v1/decisions/{decisionId}/start", List.of("202", "400", "404", "409", "503")),
            Map.entry("post /api/v1/step-callbacks/{decisionId}", List.of("202", "400", "401", "404", "409", "503")),
            Map.entry("post /api/v1/platforms/{platformId}/drills", List.of("202", "400", "404", "409", "503")),
            Map.entry("get /api/v1/drills", List.of("200")),
            Map.entry("get /api/v1/drills/{drillId}", List.of("200", "404")),
            Map.entry("get /api/v1/drills/{drillId}/report.html", List.of("200", "404")),
            Map.entry("post /api/v1/drills/{drillId}/abandon", List.of("202", "400", "404", "409", "503")),
            Map.entry("post /api/v1/drills/{drillId}/accept", List.of("202", "400", "404", "409", "503")),
            Map.entry("get /api/v1/runs", List.of("200")),
            Map.entry("get /api/v1/runs/{runId}", List.of("200", "404")),
            Map.entry("get /api/v1/runs/{runId}/report.html", List.of("200", "404")),
            Map.entry("post /api/v1/runs/{runId}/accept", List.of("202", "400", "404", "409", "503")));

    @Test
    void everyEndpointIsDescribedWithItsErrorsAndSchemas() {
        JsonPath doc = RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        long documented = paths.entrySet().stream()
                .filter(e -> e.getKey().startsWith("/api/v1"))
                .mapToLong(e -> e.getValue().keySet().stream()
                        .filter(m -> !m.equals("parameters"))
                        .count())
                .sum();
        assertEquals(OPERATIONS.size(), documented, "operations under /api/v1");
        OPERATIONS.forEach((operation, codes) -> {
            String[] parts = operation.split(" ");
            Map<String, Object> responses = doc.getMap("paths.'" + parts[1] + "'." + parts[0] + ".responses");
            assertTrue(responses != null, operation + " is documented");
            for (String code : codes) {
                assertTrue(responses.containsKey(code), operation + " documents " + code + ": " + responses.keySet());
            }
            for (String code : List.of("401", "403", "500")) {
                assertEquals(
                        "#/components/schemas/Error",
                        doc.getString("paths.'" + parts[1] + "'." + parts[0] + ".responses.'" + code
                                + "'.content.'application/json'.schema.$ref"),
                        operation + " " + code);
            }
        });
        Map<String, Object> schemas = doc.getMap("components.schemas");
        for (String schema : List.of(
                "Error",
                "Problem",
                "Incident",
                "IncidentList",
                "IncidentSummary",
                "IncidentDetail",
                "DecisionItem",
                "DecisionBody",
                "Page",
                "StatusGrid",
                "PlatformSummary",
                "FeasibilityFinding",
                "SubscriptionRequest",
                "SubscriptionInfo",
                "DeadLetter",
                "AuditEntry",
                "DashboardView",
                "TimelineItem",
                "Handover",
                "DrillItem",
                "DrillAccepted",
                "DrillBody",
                "StepBody")) {
            assertTrue(schemas.containsKey(schema), "schema " + schema + " in " + schemas.keySet());
        }
        assertEquals("http", doc.getString("components.securitySchemes.entra-id.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.entra-id.scheme"));
        assertEquals("X-API-Key", doc.getString("components.securitySchemes.api-key.name"));
        assertEquals(List.of("reason"), doc.getList("components.schemas.DecisionBody.required"));
    }

    @Test
    void theDescriptionItselfNeedsARole() {
        RestAssured.given().get("/q/openapi").then().statusCode(401);
    }
}
