package dev.stormwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.e2e.support.Eventually;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.e2e.support.Topic;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.ServiceLayout;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton through the real broker and the four packaged services: a Service Health incident for Storage in
 * the platform's primary region, POSTed to health-ingest as an Azure Monitor common-alert-schema payload, becomes a
 * health event, an open incident, a page to the on-call engineer on the generic webhook, and an incident in
 * status-api's list.
 */
class WalkingSkeletonIT {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("walking-skeleton");
        // jordan covers the on-call roster for the test's hour, so level 1 has exactly one known recipient.
        LocalDateTime now = LocalDateTime.now(SYDNEY).truncatedTo(ChronoUnit.MINUTES);
        system.publishContoso(yaml -> yaml.replace(
                "- { from: \"2026-12-24T18:00\", to: \"2026-12-27T09:00\", contact: sam }",
                "- { from: \"" + now.minusHours(1) + "\", to: \"" + now.plusHours(2) + "\", contact: jordan }"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void serviceHealthAlertBecomesIncidentPageAndListedIncident() throws IOException {
        String alert = storageOutageAlert();

        Response accepted = RestAssured.given()
                .baseUri(system.url(ServiceLayout.HEALTH_INGEST))
                .queryParam("token", RunningSystem.INGEST_TOKEN)
                .contentType("application/json")
                .body(alert)
                .post("/api/v1/ingest/azure-monitor");
        assertEquals(202, accepted.statusCode(), accepted.asString());

        // 1. health-ingest: one normalized health event for ABC1-DEF
        HealthEvent event = Eventually.await(
                "health event for ABC1-DEF",
                Duration.ofSeconds(30),
                () -> Topic.read(system.bootstrapServers(), Topics.HEALTH_EVENTS.name()).stream()
                        .filter(e -> e.type().equals(EventTypes.HEALTH_EVENT))
                        .map(e -> JsonCodec.data(e, HealthEvent.class))
                        .filter(h -> "ABC1-DEF".equals(h.trackingId()))
                        .findFirst(),
                system::logs);
        assertEquals(HealthEventKind.SERVICE_INCIDENT, event.kind());
        assertEquals(List.of(new ImpactedService("Storage", "australiaeast")), event.impacted());

        // 2. correlator: an open incident on the Contoso platform linking ABC1-DEF
        JsonNode incident = Eventually.await(
                "open incident in status-api",
                Duration.ofSeconds(60),
                () -> {
                    JsonNode list = JsonCodec.fromJson(
                            RestAssured.given()
                                    .baseUri(system.url(ServiceLayout.STATUS_API))
                                    .header("X-API-Key", RunningSystem.API_KEYS.get("viewer"))
                                    .get("/api/v1/incidents")
                                    .asString(),
                            JsonNode.class);
                    for (JsonNode item : list.findValues("trackingIds")) {
                        if (item.toString().contains("ABC1-DEF")) {
                            return Optional.of(list);
                        }
                    }
                    return Optional.empty();
                },
                system::logs);
        assertTrue(incident.toString().contains("\"platformId\":\"contoso-data-platform\""), incident.toString());
        assertTrue(incident.toString().contains("\"state\":\"open\""), incident.toString());
        List<CloudEvent> incidents = Topic.read(system.bootstrapServers(), Topics.INCIDENTS.name());
        assertTrue(
                incidents.stream()
                        .anyMatch(e -> e.data().path("trackingIds").toString().contains("ABC1-DEF")),
                "incidents.v1 has the incident");

        // 3. notifier: level 1 of platform-default is the on-call roster, covered by jordan now: one signed webhook
        // page
        LocalInbox.Message page = Eventually.await(
                "page to jordan",
                Duration.ofSeconds(60),
                () -> system.inbox().messages().stream()
                        .filter(m -> m.path().equals("/inbox/jordan"))
                        .findFirst(),
                system::logs);
        assertEquals(Boolean.TRUE, page.signatureValid(), "the generic webhook is HMAC-signed: " + page.body());
        assertTrue(page.body().contains("Storage") || page.body().contains("ADLS"), page.body());
        assertEquals(
                List.of("/inbox/jordan"),
                system.inbox().messages().stream()
                        .map(LocalInbox.Message::path)
                        .filter(p -> p.startsWith("/inbox/"))
                        .distinct()
                        .toList(),
                "level 1 pages only the on-call engineer");
    }

    /**
     * The public Service Health test-action sample, as published, with its service and region set to the Contoso
     * platform's Storage in its primary region and its stage set to Active. Without ../shared, our own payload in the
     * same schema (deploy/scenarios) stands in, and the test says so.
     */
    private static String storageOutageAlert() throws IOException {
        Path shared = Path.of(System.getProperty("stormwatch.shared.dir", "../../shared"));
        Path fixture = shared.resolve("fixtures/common-alert-schema/cas-servicehealth-incident-testaction.json");
        ObjectNode alert;
        if (Files.isRegularFile(fixture)) {
            alert = (ObjectNode) JsonCodec.mapper().readTree(fixture.toFile());
        } else {
            System.out.println(
                    "WalkingSkeletonIT: ../shared not found; using deploy/scenarios' own common-alert-schema payload");
            String own = Files.readString(RunningSystem.repo()
                            .resolve("deploy/scenarios/payloads/storage-outage-1-storage-active.json"))
                    .replaceAll(
                            "\\{\\{t:[^}]+}}",
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            alert = (ObjectNode) JsonCodec.mapper().readTree(own);
        }
        ObjectNode context = (ObjectNode) alert.path("data").path("alertContext");
        ObjectNode properties = (ObjectNode) context.path("properties");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        properties.put("trackingId", "ABC1-DEF");
        properties.put("service", "Storage");
        properties.put("region", "Australia East");
        properties.put(
                "impactedServices",
                "[{\"ImpactedRegions\":[{\"RegionName\":\"Australia East\"}],\"ServiceName\":\"Storage\"}]");
        properties.put("stage", "Active");
        properties.put("impactStartTime", now);
        properties.remove("impactMitigationTime");
        context.put("status", "Active");
        context.put("eventTimestamp", now);
        context.put("submissionTimestamp", now);
        return alert.toString();
    }
}
