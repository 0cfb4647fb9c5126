package dev.stormwatch.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.ingest.ExpectedEvents;
import dev.stormwatch.ingest.JwksTestResource;
import dev.stormwatch.ingest.SharedFixtures;
import dev.stormwatch.ingest.TopicProbe;
import dev.stormwatch.ingest.publish.EventIds;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push intakes against the real Kafka broker: each webhook fixture becomes exactly the expected record on
 * health-events.v1; refused payloads are answered with a message and kept in health-events.dlq.v1; authentication by
 * shared secret or Entra ID bearer token; dedup and ordering; the counters on /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
class IngestEndpointsIT {

    private static final String WEBHOOK = "/api/v1/ingest/azure-monitor";
    private static final String EVENTS = "/api/v1/ingest/events";
    private static final String ISSUER = "https://sts.windows.net/stormwatch-test-tenant/";

    private static TopicProbe events;
    private static TopicProbe dlq;

    @Inject
    IngestMetrics metrics;

    @BeforeAll
    static void probes() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS.name());
        dlq = new TopicProbe(bootstrap, Topics.HEALTH_EVENTS_DLQ.name());
    }

    @AfterAll
    static void close() {
        events.close();
        dlq.close();
    }

    @BeforeEach
    void mark() {
        events.mark();
        dlq.mark();
    }

    // ---- fixtures → exact records ------------------------------------------------------------------------------

    @Test
    void serviceHealthIncidentFixtureBecomesExactlyOneHealthEventRecord() {
        Response r =
                post(WEBHOOK, SharedFixtures.bytes("common-alert-schema/cas-servicehealth-incident-testaction.json"));

        HealthEvent expected =
                ExpectedEvents.casServiceHealthIncident(List.of(new ImpactedService("Azure Service Name", "global")));
        assertEquals(202, r.statusCode(), r.asString());
        // The Event Hubs test may have carried the same update first: then this post is its duplicate.
        assertTrue(
                List.of("accepted", "duplicate").contains(r.jsonPath().getString("events[0].outcome")), r.asString());
        assertEquals(EventIds.of(expected), r.jsonPath().getString("events[0].id"));
        assertOnlyRecordEver(expected);
        assertEquals(List.of(), dlq.drain());
    }

    @Test
    void walkingSkeletonCatalogServiceInPrimaryRegionBecomesARecordForThatPair() {
        ObjectNode root =
                (ObjectNode) SharedFixtures.json("common-alert-schema/cas-servicehealth-incident-testaction.json");
        ObjectNode props = (ObjectNode) root.path("data").path("alertContext").path("properties");
        props.put("service", "Key Vault")
                .put("region", "Australia East")
                .put(
                        "impactedServices",
                        "[{\"ImpactedRegions\":[{\"RegionName\":\"Australia East\"}],\"ServiceName\":\"Key Vault\"}]");

        Response r = post(WEBHOOK, JsonCodec.toBytes(root));

        assertEquals(202, r.statusCode(), r.asString());
        assertRecords(List.of(
                ExpectedEvents.casServiceHealthIncident(List.of(new ImpactedService("Key Vault", "australiaeast")))));
    }

    @Test
    void resourceHealthFixtureBecomesARecordKeyedByTheResource() {
        Response r = post(WEBHOOK, SharedFixtures.bytes("common-alert-schema/cas-resourcehealth-testaction.json"));

        assertEquals(202, r.statusCode(), r.asString());
        List<ConsumerRecord<String, byte[]>> records = assertRecords(List.of(ExpectedEvents.casResourceHealth()));
        assertEquals(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/microsoft."
                        + "compute/virtualmachines/test-vm",
                records.get(0).key());
    }

    @Test
    void legacyActivityLogResourceHealthFixtureBecomesARecord() {
        Response r = post(
                WEBHOOK, SharedFixtures.bytes("common-alert-schema/legacy-activitylog-webhook-resourcehealth.json"));

        assertEquals(202, r.statusCode(), r.asString());
        assertRecords(List.of(ExpectedEvents.legacyResourceHealth()));
    }

    // ---- unsupported and refused ---------------------------------------------------------------------------------

    @Test
    void administrativeAlertIsAcceptedWithTheReasonAndRecordedInTheDlq() {
        String body = """
                {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"signalType":"Activity Log",
                 "monitoringService":"Activity Log - Administrative"},\
                "alertContext":{"operationName":"Microsoft.Compute/virtualMachines/delete",
                 "eventTimestamp":"2024-01-01T00:00:00Z"}}}""";
        double before = metrics.value("azure-monitor", IngestMetrics.Outcome.UNSUPPORTED);

        Response r = post(WEBHOOK, body.getBytes(StandardCharsets.UTF_8));

        String reason = "unsupported category 'Administrative' (operation Microsoft.Compute/virtualMachines/delete): "
                + "only ServiceHealth and ResourceHealth activity-log events are ingested";
        assertEquals(202, r.statusCode(), r.asString());
        assertEquals(0, r.jsonPath().getInt("accepted"));
        assertEquals(List.of(reason), r.jsonPath().getList("unsupported"));
        assertEquals(List.of(), events.drain());
        RejectedInput rejected = single(dlq.drain());
        assertEquals(reason, rejected.reason());
        assertEquals(body, rejected.raw());
        assertEquals(before + 1, metrics.value("azure-monitor", IngestMetrics.Outcome.UNSUPPORTED));
    }

    @Test
    void notJsonIs400WithTheRawBodyInTheDlq() {
        Response r = post(WEBHOOK, "hello, not json".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, r.statusCode());
        assertEquals(
                "not valid JSON at line 1, column 1: Unrecognized token 'hello': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                r.jsonPath().getString("message"));
        RejectedInput rejected = single(dlq.drain());
        assertEquals("hello, not json", rejected.raw());
        assertEquals(r.jsonPath().getString("message"), rejected.reason());
        assertEquals("azure-monitor", rejected.source());
        assertEquals(WEBHOOK, rejected.endpoint());
        assertEquals(15, rejected.rawSize());
        assertEquals(false, rejected.rawTruncated());
    }

    @Test
    void unknownSchemaIs400SayingWhatWasExpected() {
        Response r = post(
                WEBHOOK, "{\"schemaId\":\"Microsoft.Insights/LogAlert\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, r.statusCode());
        assertEquals(
                "schemaId: unknown schema 'Microsoft.Insights/LogAlert'; expected an Azure Monitor alert: a JSON "
                        + "object with schemaId 'azureMonitorCommonAlertSchema' (common alert schema) or "
                        + "'Microsoft.Insights/activityLogs' (activity-log alert schema), or Event Grid "
                        + "Microsoft.ResourceNotifications.HealthResources.* events",
                r.jsonPath().getString("message"));
        assertEquals(r.jsonPath().getString("message"), single(dlq.drain()).reason());
    }

    @Test
    void malformedPayloadsAreEach4xxWithAMessageEachInTheDlqAndTheServiceKeepsServing() {
        byte[] fixture = SharedFixtures.bytes("common-alert-schema/cas-servicehealth-incident-testaction.json");
        byte[] truncated = java.util.Arrays.copyOf(fixture, fixture.length / 2);
        byte[] oversized = ("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"pad\":\"" + "x".repeat(5 * 1024 * 1024)
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] wronglyTyped = ("{\"schemaId\":\"azureMonitorCommonAlertSchema\","
                        + "\"data\":{\"essentials\":{\"signalType\":\"Activity Log\"},\"alertContext\":[1,2]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] wrongTime = new String(fixture, StandardCharsets.UTF_8)
                .replace("\"2021-11-16T20:00:00Z\"", "\"soon\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("truncated", truncated);
        bodies.put("oversized", oversized);
        bodies.put("wrongly typed", wronglyTyped);
        bodies.put("wrong time", wrongTime);
        bodies.put("deeply nested", deep);
        Map<String, Integer> statuses = Map.of(
                "truncated", 400, "oversized", 413, "wrongly typed", 400, "wrong time", 400, "deeply nested", 400);
        Map<String, String> messages = Map.of(
                "truncated", "not valid JSON at line ",
                "oversized",
                        "body of " + oversized.length + " bytes exceeds the limit of 262144 bytes for " + WEBHOOK
                                + " (stormwatch.ingest.body-limit.azure-monitor)",
                "wrongly typed", "data.alertContext: expected an object, got an array",
                "wrong time",
                        "data.alertContext.properties.impactStartTime: 'soon' is not a time (expected ISO-8601 such "
                                + "as 2021-11-16T20:00:00Z)",
                "deeply nested", "JSON nested deeper than 64 levels");
        double rejectedBefore = metrics.value("azure-monitor", IngestMetrics.Outcome.REJECTED);

        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            // The oversized body goes chunked, without a Content-Length: read, refused, kept truncated in the DLQ. With
            // one, it is refused before it is read (IngestGateIT).
            if (e.getKey().equals("oversized")) {
                java.net.http.HttpResponse<String> chunked = postChunked(WEBHOOK, e.getValue());
                assertEquals(413, chunked.statusCode(), chunked.body());
                assertTrue(chunked.body().contains("\"message\":\"" + messages.get("oversized")), chunked.body());
                continue;
            }
            Response r = post(WEBHOOK, e.getValue());
            assertEquals(statuses.get(e.getKey()), r.statusCode(), e.getKey() + ": " + r.asString());
            assertTrue(
                    r.jsonPath().getString("message").startsWith(messages.get(e.getKey())),
                    e.getKey() + ": " + r.jsonPath().getString("message"));
        }

        List<RejectedInput> rejected =
                dlq.drain().stream().map(IngestEndpointsIT::rejected).toList();
        assertEquals(bodies.size(), rejected.size());
        int i = 0;
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            RejectedInput in = rejected.get(i++);
            assertTrue(in.reason().startsWith(messages.get(e.getKey())), e.getKey() + ": " + in.reason());
            assertEquals(e.getValue().length, in.rawSize(), e.getKey());
            if (e.getKey().equals("oversized")) {
                assertEquals(true, in.rawTruncated());
                assertEquals(131072, in.raw().length());
                assertTrue(new String(e.getValue(), StandardCharsets.UTF_8).startsWith(in.raw()));
            } else {
                assertEquals(false, in.rawTruncated(), e.getKey());
                assertEquals(new String(e.getValue(), StandardCharsets.UTF_8), in.raw(), e.getKey());
            }
        }
        assertEquals(List.of(), events.drain());
        assertEquals(rejectedBefore + bodies.size(), metrics.value("azure-monitor", IngestMetrics.Outcome.REJECTED));

        HealthEvent good =
                canonical("GOOD-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE);
        Response ok = post(EVENTS, JsonCodec.toBytes(good));
        assertEquals(202, ok.statusCode(), ok.asString());
        assertRecords(List.of(good));
    }

    // ---- authentication ------------------------------------------------------------------------------------------

    @Test
    void withoutCredentialsIs401AndNothingIsWritten() {
        double before = metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED);

        Response none = RestAssured.given().body("{}").post(WEBHOOK);
        Response wrong = RestAssured.given()
                .queryParam("token", "test-secreT")
                .body("{}")
                .post(WEBHOOK);
        Response wrongHeader = RestAssured.given()
                .header(IngestAuthenticator.TOKEN_HEADER, "nope")
                .body("{}")
                .post(EVENTS);

        assertEquals(401, none.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(401, wrongHeader.statusCode());
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        assertTrue(none.jsonPath().getString("message").startsWith("authentication required"));
        assertEquals(before + 2, metrics.value("azure-monitor", IngestMetrics.Outcome.UNAUTHENTICATED));
        assertEquals(List.of(), events.drain());
        assertEquals(List.of(), dlq.drain());
    }

    @Test
    void sharedSecretInQueryOrHeaderIsAccepted() {
        HealthEvent a =
                canonical("QUERY-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE);
        HealthEvent b =
                canonical("HEADER-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE);

        Response q = RestAssured.given()
                .queryParam("token", "test-secret")
                .body(JsonCodec.toBytes(a))
                .post(EVENTS);
        Response h = RestAssured.given()
                .header(IngestAuthenticator.TOKEN_HEADER, "test-secret")
                .body(JsonCodec.toBytes(b))
                .post(EVENTS);

        assertEquals(202, q.statusCode(), q.asString());
        assertEquals(202, h.statusCode(), h.asString());
        assertRecords(List.of(a, b));
    }

    @Test
    void entraIdBearerTokenSignedByTheTenantKeysIsAccepted() {
        HealthEvent e =
                canonical("BEARER-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE);
        String token = Jwt.issuer(ISSUER)
                .audience("api://stormwatch-test")
                .subject("action-group")
                .claim("roles", List.of("ActionGroupsSecureWebhook"))
                .expiresIn(300)
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(JwksTestResource.privateKey());

        Response r = RestAssured.given()
                .auth()
                .oauth2(token)
                .body(JsonCodec.toBytes(e))
                .post(EVENTS);

        assertEquals(202, r.statusCode(), r.asString());
        assertRecords(List.of(e));
    }

    @Test
    void bearerTokenOfAnotherIssuerAudienceOrKeyIs401() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String otherIssuer = Jwt.issuer("https://sts.windows.net/someone-else/")
                .audience("api://stormwatch-test")
                .expiresIn(300)
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(JwksTestResource.privateKey());
        String otherAudience = Jwt.issuer(ISSUER)
                .audience("api://another-app")
                .expiresIn(300)
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(JwksTestResource.privateKey());
        String otherKey = Jwt.issuer(ISSUER)
                .audience("api://stormwatch-test")
                .expiresIn(300)
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(g.generateKeyPair().getPrivate());
        String expired = Jwt.issuer(ISSUER)
                .audience("api://stormwatch-test")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .jws()
                .keyId(JwksTestResource.KEY_ID)
                .sign(JwksTestResource.privateKey());

        for (String token : List.of(otherIssuer, otherAudience, otherKey, expired)) {
            Response r = RestAssured.given().auth().oauth2(token).body("{}").post(WEBHOOK);
            assertEquals(401, r.statusCode(), r.asString());
        }
        assertEquals(List.of(), dlq.drain());
    }

    // ---- outages as Azure sends them ----------------------------------------------------------------------------

    /** A ServiceHealth alert per subscription; {@code impactedServices} as a JSON string, as Azure writes it. */
    private static byte[] serviceHealthAlert(
            String trackingId, String subscription, String eventTimestamp, String impactedServices) {
        ObjectNode root =
                (ObjectNode) SharedFixtures.json("common-alert-schema/cas-servicehealth-incident-testaction.json");
        ObjectNode ctx = (ObjectNode) root.path("data").path("alertContext");
        ctx.put("eventTimestamp", eventTimestamp).put("subscriptionId", subscription);
        ObjectNode props = (ObjectNode) ctx.path("properties");
        props.put("trackingId", trackingId)
                .put("stage", "Active")
                .put("IsSynthetic", "False")
                .put("impactedServices", impactedServices);
        ctx.put("status", "Active");
        return JsonCodec.toBytes(root);
    }

    @Test
    void frontDoorAndCdnAlertIsTwoRecordsKeyedByTheTrackingIdAndTheSameTrackingIdForASecondSubscriptionIsNotStale() {
        String trackingId = "FD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String services = "[{\"ImpactedRegions\":[{\"RegionName\":\"Global\"},{\"RegionName\":\"West Europe\"}],"
                + "\"ServiceName\":\"Azure Front Door\"},{\"ImpactedRegions\":[{\"RegionName\":\"Global\"}],"
                + "\"ServiceName\":\"Azure CDN\"}]";
        String subA = "aaaaaaaa-0000-4000-8000-000000000001";
        String subB = "bbbbbbbb-0000-4000-8000-000000000002";

        Response first = post(WEBHOOK, serviceHealthAlert(trackingId, subA, "2025-10-09T16:12:01.700Z", services));
        // The other subscription's alert for the same update, 1.7 s older: another fact, not a stale copy.
        Response second = post(WEBHOOK, serviceHealthAlert(trackingId, subB, "2025-10-09T16:12:00.000Z", services));

        assertEquals(202, first.statusCode(), first.asString());
        assertEquals(List.of("accepted", "accepted"), first.jsonPath().getList("events.outcome"));
        assertEquals(202, second.statusCode(), second.asString());
        assertEquals(List.of("accepted", "accepted"), second.jsonPath().getList("events.outcome"));
        List<ConsumerRecord<String, byte[]>> records = events.drain();
        assertEquals(4, records.size());
        List<String> facts = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            HealthEvent e = JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class);
            assertEquals(trackingId, r.key());
            facts.add(e.subscriptionId() + " " + e.impacted());
        }
        facts.sort(null);
        assertEquals(
                List.of(
                        subA + " [ImpactedService[service=Azure CDN, region=global]]",
                        subA
                                + " [ImpactedService[service=Azure Front Door, region=global], "
                                + "ImpactedService[service=Azure Front Door, region=westeurope]]",
                        subB + " [ImpactedService[service=Azure CDN, region=global]]",
                        subB
                                + " [ImpactedService[service=Azure Front Door, region=global], "
                                + "ImpactedService[service=Azure Front Door, region=westeurope]]"),
                facts);

        // An older update of one of those facts is still stale.
        Response older = post(WEBHOOK, serviceHealthAlert(trackingId, subA, "2025-10-09T16:00:00Z", services));
        assertEquals(List.of("stale", "stale"), older.jsonPath().getList("events.outcome"));
        assertEquals(List.of(), events.drain());
    }

    @Test
    void eventGridCloudEventsHandshakeEchoesTheOriginOnlyWhenAuthenticated() {
        Response ok = RestAssured.given()
                .queryParam("token", "test-secret")
                .header("WebHook-Request-Origin", "eventgrid.azure.net")
                .options(WEBHOOK);
        Response anonymous = RestAssured.given()
                .header("WebHook-Request-Origin", "eventgrid.azure.net")
                .options(WEBHOOK);

        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals("eventgrid.azure.net", ok.header("WebHook-Allowed-Origin"));
        assertEquals(401, anonymous.statusCode());
        assertEquals(null, anonymous.header("WebHook-Allowed-Origin"));
        assertEquals(List.of(), events.drain());
        assertEquals(List.of(), dlq.drain());
    }

    @Test
    void eventGridSubscriptionValidationEventIsAnsweredWithItsCode() {
        String body = """
                [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",\
                "topic":"/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
                  "subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                  "validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/\
                validate?id=0000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"},
                  "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent",\
                "eventTime":"2022-10-28T04:23:35.1981776Z",
                  "metadataVersion":"1","dataVersion":"1"}]
                """;

        Response r = RestAssured.given()
                .queryParam("token", "test-secret")
                .header("aeg-event-type", "SubscriptionValidation")
                .contentType("application/json")
                .body(body)
                .post(WEBHOOK);
        Response anonymous =
                RestAssured.given().contentType("application/json").body(body).post(WEBHOOK);

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(
                Map.of("validationResponse", "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"),
                r.jsonPath().getMap("$"));
        assertEquals(401, anonymous.statusCode());
        assertEquals(List.of(), events.drain());
        assertEquals(List.of(), dlq.drain());
    }

    @Test
    void activityLogRecordsDoorUsesTheEventHubsNormalizerAndDeadLettersOtherCategories() throws Exception {
        byte[] records = getClass()
                .getResourceAsStream("/eventhubs/servicehealth-records.json")
                .readAllBytes();
        HealthEvent viaEventHubs = dev.stormwatch.ingest.normalize.ActivityLogRecordsNormalizer.normalize(
                        JsonCodec.mapper().readTree(records), "activity-log")
                .events()
                .get(0);

        Response r = post("/api/v1/ingest/activity-log", records);
        Response administrative = post(
                "/api/v1/ingest/activity-log",
                SharedFixtures.bytes("activity-log-eventhub/records-envelope-administrative-official-sample.json"));
        Response notRecords = post("/api/v1/ingest/activity-log", "{\"value\":[]}".getBytes(StandardCharsets.UTF_8));

        assertEquals(202, r.statusCode(), r.asString());
        assertTrue(
                List.of("accepted", "duplicate").contains(r.jsonPath().getString("events[0].outcome")), r.asString());
        assertEquals(
                EventIds.of(viaEventHubs),
                r.jsonPath().getString("events[0].id"),
                "the same id as the Event Hubs copy of the update");
        assertEquals(202, administrative.statusCode(), administrative.asString());
        assertEquals(
                "unsupported category 'Write' (operation microsoft.support/supporttickets/write): only ServiceHealth "
                        + "and ResourceHealth activity-log events are ingested",
                administrative.jsonPath().getString("unsupported[0]"));
        assertEquals(400, notRecords.statusCode());
        assertEquals(
                "$: expected an Activity Log export envelope {\"records\":[…]}",
                notRecords.jsonPath().getString("message"));
        assertEquals(2, dlq.drain().size(), "the Administrative envelope and the refused body");
    }

    // ---- canonical events, dedup and ordering ---------------------------------------------------------------------

    @Test
    void sameUpdateTwiceIsOneRecordAndAnOlderUpdateIsStale() {
        String id = "DEDUP-" + UUID.randomUUID();
        HealthEvent newer = canonical(id, Instant.parse("2024-03-01T11:00:00Z"), HealthStage.RESOLVED);
        HealthEvent older = canonical(id, Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE);
        double duplicates = metrics.value("canonical", IngestMetrics.Outcome.DUPLICATE);
        double stale = metrics.value("canonical", IngestMetrics.Outcome.STALE);

        Response first = post(EVENTS, JsonCodec.toBytes(newer));
        Response again = post(EVENTS, JsonCodec.toBytes(List.of(newer, older)));

        assertEquals(202, first.statusCode());
        assertEquals(1, first.jsonPath().getInt("accepted"));
        assertEquals(202, again.statusCode(), again.asString());
        assertEquals(0, again.jsonPath().getInt("accepted"));
        assertEquals(1, again.jsonPath().getInt("duplicate"));
        assertEquals(1, again.jsonPath().getInt("stale"));
        assertEquals(List.of("duplicate", "stale"), again.jsonPath().getList("events.outcome"));
        assertRecords(List.of(newer));
        assertEquals(duplicates + 1, metrics.value("canonical", IngestMetrics.Outcome.DUPLICATE));
        assertEquals(stale + 1, metrics.value("canonical", IngestMetrics.Outcome.STALE));
    }

    @Test
    void canonicalBatchIsAllOrNothingAndNamesTheBadField() {
        String good = JsonCodec.toJson(
                canonical("BATCH-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE));
        String badKind = good.replace("\"service-incident\"", "\"banana\"");
        String noTime = good.replaceAll(",\"lastUpdate\":\"[^\"]+\"", "");

        Response r1 = post(EVENTS, ("[" + good + "," + badKind + "]").getBytes(StandardCharsets.UTF_8));
        Response r2 = post(EVENTS, ("[" + good + "," + noTime + "]").getBytes(StandardCharsets.UTF_8));
        Response r3 = post(EVENTS, "42".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, r1.statusCode());
        assertEquals(
                "[1].kind: 'banana' is not one of service-incident, planned-maintenance, health-advisory, "
                        + "security-advisory, resource-availability",
                r1.jsonPath().getString("message"));
        assertEquals(400, r2.statusCode());
        assertEquals(
                "[1].lastUpdate: missing; expected the provider's update time (ISO-8601), which orders versions",
                r2.jsonPath().getString("message"));
        assertEquals(400, r3.statusCode());
        assertEquals(
                "$: expected a HealthEvent object or an array of them, got number",
                r3.jsonPath().getString("message"));
        assertEquals(List.of(), events.drain());
        assertEquals(3, dlq.drain().size());
    }

    @Test
    void metricsEndpointShowsTheCountersPerSourceAndOutcome() {
        post(
                EVENTS,
                JsonCodec.toBytes(canonical(
                        "METRIC-" + UUID.randomUUID(), Instant.parse("2024-03-01T10:00:00Z"), HealthStage.ACTIVE)));

        String text = RestAssured.get("/q/metrics").asString();

        assertTrue(text.contains("stormwatch_ingest_events_total{outcome=\"accepted\",source=\"canonical\"}"), text);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static HealthEvent canonical(String trackingId, Instant lastUpdate, HealthStage stage) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Key Vault - West Europe",
                "Investigating.",
                stage,
                "warning",
                List.of(new ImpactedService("Key Vault", "westeurope")),
                List.of(),
                null,
                Instant.parse("2024-03-01T09:00:00Z"),
                null,
                lastUpdate,
                "https://app.azure.com/h/" + trackingId,
                null,
                false);
    }

    /** A body sent chunked, without Content-Length, as a streaming client would. */
    private static java.net.http.HttpResponse<String> postChunked(String path, byte[] body) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + RestAssured.port + path + "?token=test-secret"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(body)))
                    .build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    private static Response post(String path, byte[] body) {
        return RestAssured.given()
                .queryParam("token", "test-secret")
                .contentType("application/json")
                .body(body)
                .post(path);
    }

    /** Reads what the action wrote to health-events.v1 and checks every record against {@code expected}, in order. */
    private static List<ConsumerRecord<String, byte[]>> assertRecords(List<HealthEvent> expected) {
        List<ConsumerRecord<String, byte[]>> records = events.drain();
        records.sort(java.util.Comparator.comparing(r ->
                expected.indexOf(JsonCodec.data(JsonCodec.fromJson(r.value(), CloudEvent.class), HealthEvent.class))));
        assertEquals(expected.size(), records.size(), "records on health-events.v1");
        for (int i = 0; i < expected.size(); i++) {
            HealthEvent e = expected.get(i);
            ConsumerRecord<String, byte[]> r = records.get(i);
            CloudEvent ce = JsonCodec.fromJson(r.value(), CloudEvent.class);
            assertEquals(e.key(), r.key());
            assertEquals(EventIds.of(e), ce.id());
            assertEquals(EventTypes.HEALTH_EVENT, ce.type());
            assertEquals("/stormwatch/health-ingest/" + e.source(), ce.source());
            assertEquals(e.key(), ce.subject());
            assertEquals(e.lastUpdate(), ce.time());
            assertEquals(e, JsonCodec.data(ce, HealthEvent.class));
        }
        return records;
    }

    /** Over the whole topic, exactly one record carries this update, and it is exactly the expected one. */
    private static void assertOnlyRecordEver(HealthEvent expected) {
        String id = EventIds.of(expected);
        List<ConsumerRecord<String, byte[]>> all = events.rewind().drain().stream()
                .filter(r -> id.equals(
                        JsonCodec.fromJson(r.value(), CloudEvent.class).id()))
                .toList();
        assertEquals(1, all.size(), "records with id " + id + " on health-events.v1");
        CloudEvent ce = JsonCodec.fromJson(all.get(0).value(), CloudEvent.class);
        assertEquals(expected.key(), all.get(0).key());
        assertEquals(EventTypes.HEALTH_EVENT, ce.type());
        assertEquals("/stormwatch/health-ingest/" + expected.source(), ce.source());
        assertEquals(expected.lastUpdate(), ce.time());
        assertEquals(expected, JsonCodec.data(ce, HealthEvent.class));
    }

    private static RejectedInput single(List<ConsumerRecord<String, byte[]>> records) {
        assertEquals(1, records.size(), "records on health-events.dlq.v1");
        return rejected(records.get(0));
    }

    private static RejectedInput rejected(ConsumerRecord<String, byte[]> record) {
        CloudEvent ce = JsonCodec.fromJson(record.value(), CloudEvent.class);
        assertEquals(EventTypes.HEALTH_EVENT_REJECTED, ce.type());
        return JsonCodec.data(ce, RejectedInput.class);
    }
}
