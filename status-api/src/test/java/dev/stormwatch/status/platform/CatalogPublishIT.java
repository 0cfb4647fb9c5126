package dev.stormwatch.status.platform;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT /api/v1/platforms/{id}/catalog: validated with the contracts' loader, published to catalog.v1, audited. */
@QuarkusTest
class CatalogPublishIT {

    static final String P = "cat-platform";

    static byte[] yaml(String platformId) {
        return Samples.catalogYaml(platformId).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void clock() {
        MutableClock.INSTANCE.set(MutableClock.START);
    }

    @Test
    void aValidCatalogIsPublishedToCatalogV1WithAnAuditRecord() {
        String eventId = RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/yaml")
                .body(yaml(P))
                .put("/api/v1/platforms/" + P + "/catalog")
                .then()
                .statusCode(202)
                .body("platformId", equalTo(P))
                .body("eventId", startsWith("catalog:" + P + ":"))
                .body("components", equalTo(5))
                .body("rto", equalTo("8h"))
                .body("at", equalTo("2026-11-22T10:00:00Z"))
                .extract()
                .path("eventId");

        List<TopicReader.Read> catalogs =
                TopicReader.await(Topics.CATALOG, 1, Duration.ofSeconds(10), r -> P.equals(r.key()));
        TopicReader.Read record = catalogs.get(0);
        assertEquals(eventId, record.event().id());
        assertEquals(EventTypes.CATALOG, record.event().type());
        assertEquals("/stormwatch/status-api", record.event().source());
        assertEquals(P, record.event().subject());
        assertEquals(P, record.event().data().path("platform").path("id").asText());
        assertEquals(5, record.event().data().path("components").size());

        List<TopicReader.Read> audit = TopicReader.await(
                Topics.AUDIT,
                1,
                Duration.ofSeconds(10),
                r -> P.equals(r.key())
                        && r.event().data().path("action").asText().equals("catalog-published"));
        assertEquals("admin", audit.get(0).event().data().path("actor").asText());
        assertEquals(
                "5 components, RTO 8h, strategy warm-spare",
                audit.get(0).event().data().path("detail").asText());
        assertEquals(
                "2026-11-22T10:00:00Z", audit.get(0).event().data().path("at").asText());

        Eventually.until(
                Duration.ofSeconds(10),
                "platform visible",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/platforms/" + P)
                                .statusCode()
                        == 200);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/platforms/" + P + "/catalog")
                .then()
                .statusCode(200)
                .body("platform.id", equalTo(P))
                .body("contacts.id", contains("dana"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/platforms/" + P + "/catalog")
                .then()
                .statusCode(403);
    }

    @Test
    void anInvalidCatalogIsRejectedWithEveryProblemByLineAndPath() {
        String bad = Samples.catalogYaml("cat-bad")
                .replace("rto: 8h", "rto: 8 hours")
                .replace(
                        "    dependsOn: [key-vault]\n    recovery:\n      - { name: Fail over storage",
                        "    dependsOn: [databricks]\n    recovery:\n      - { name: Fail over storage")
                .replace(
                        "      - { type: email, address: dana@example.test }",
                        "      - { type: email, address: dana@example.test }\n    backup: nobody");
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/yaml")
                .body(bad.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/platforms/cat-bad/catalog")
                .then()
                .statusCode(400)
                .body("status", equalTo(400))
                .body("error", equalTo("the catalog is invalid (3 problems)"))
                .body("problems.line", contains(9, 43, 63))
                .body("problems.path", contains("platform.rto", "components[3].dependsOn[0]", "contacts[0].backup"))
                .body(
                        "problems.message",
                        contains(
                                "'8 hours' is not a duration (like 20m, 1h30m, 2d or PT20M)",
                                "dependency cycle: storage → databricks → storage",
                                "unknown contact 'nobody'"));
    }

    @Test
    void brokenYamlAWrongPlatformIdAndAnEmptyBodyAreRejected() {
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/yaml")
                .body("platform: [unclosed\n".getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/platforms/cat-x/catalog")
                .then()
                .statusCode(400)
                .body("problems[0].message", startsWith("not valid YAML"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/yaml")
                .body(yaml("cat-other"))
                .put("/api/v1/platforms/cat-x/catalog")
                .then()
                .statusCode(400)
                .body("error", equalTo("the catalog is for platform 'cat-other', the URL names 'cat-x'"))
                .body("problems[0].path", equalTo("platform.id"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/yaml")
                .body(new byte[0])
                .put("/api/v1/platforms/cat-x/catalog")
                .then()
                .statusCode(400)
                .body("error", equalTo("the request body is empty: send the catalog YAML"));
    }

    @Test
    void onlyAnAdminPublishes() {
        RestAssured.given()
                .contentType("application/yaml")
                .body(yaml(P))
                .put("/api/v1/platforms/" + P + "/catalog")
                .then()
                .statusCode(401);
        for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.DR_LEAD)) {
            RestAssured.given()
                    .header(Keys.HEADER, key)
                    .contentType("application/yaml")
                    .body(yaml(P))
                    .put("/api/v1/platforms/" + P + "/catalog")
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("your role does not allow this"));
        }
    }
}
