package dev.stormwatch.status.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.status.Keys;
import dev.stormwatch.status.ManagementPortResource;
import dev.stormwatch.status.Tokens;
import dev.stormwatch.status.stream.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint but health and the dashboard's static files needs a role: 401 without (valid) credentials, 403 with
 * the wrong role; Entra-ID-shaped bearer tokens (from the test OIDC server) are checked for issuer, audience, signature
 * (the keys the discovery document points to) and expiry.
 */
@QuarkusTest
class AccessControlIT {

    static final Set<String> ANY = Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);
    static final List<String> ROLES = List.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);

    @TestHTTPResource("/api/v1/stream")
    URL stream;

    /** method, path, roles allowed. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/platforms", ANY),
                Arguments.of("GET", "/api/v1/platforms/ac-x", ANY),
                Arguments.of("GET", "/api/v1/platforms/ac-x/status", ANY),
                Arguments.of("GET", "/api/v1/platforms/ac-x/catalog", Set.of(Roles.ADMIN)),
                Arguments.of("PUT", "/api/v1/platforms/ac-x/catalog", Set.of(Roles.ADMIN)),
                Arguments.of("GET", "/api/v1/incidents", ANY),
                Arguments.of("GET", "/api/v1/incidents/ac-x", ANY),
                Arguments.of("GET", "/api/v1/incidents/ac-x/timeline", ANY),
                Arguments.of("GET", "/api/v1/incidents/ac-x/pages", ANY),
                Arguments.of("GET", "/api/v1/incidents/ac-x/audit", ANY),
                Arguments.of("GET", "/api/v1/decisions", ANY),
                Arguments.of("GET", "/api/v1/decisions/ac-x", ANY),
                Arguments.of("POST", "/api/v1/decisions/ac-x/approve", Set.of(Roles.RESPONDER, Roles.DR_LEAD)),
                Arguments.of("POST", "/api/v1/decisions/ac-x/decline", Set.of(Roles.RESPONDER, Roles.DR_LEAD)),
                Arguments.of("POST", "/api/v1/decisions/ac-x/start", Set.of(Roles.RESPONDER, Roles.DR_LEAD)),
                Arguments.of("POST", "/api/v1/platforms/ac-x/drills", Set.of(Roles.DR_LEAD)),
                Arguments.of("GET", "/api/v1/drills", ANY),
                Arguments.of("GET", "/api/v1/drills/ac-x", ANY),
                Arguments.of("GET", "/api/v1/drills/ac-x/report.html", ANY),
                Arguments.of("POST", "/api/v1/drills/ac-x/abandon", Set.of(Roles.DR_LEAD)),
                Arguments.of("GET", "/drills/ac-x", ANY),
                Arguments.of("GET", "/api/v1/pages", ANY),
                Arguments.of("GET", "/api/v1/pages/ac-x", ANY),
                Arguments.of("POST", "/api/v1/pages/ac-x/ack", Set.of(Roles.RESPONDER, Roles.DR_LEAD)),
                Arguments.of("GET", "/api/v1/handovers", ANY),
                Arguments.of("GET", "/api/v1/audit", ANY),
                Arguments.of("GET", "/api/v1/feasibility", ANY),
                Arguments.of("GET", "/api/v1/feasibility/ac-x", ANY),
                Arguments.of("GET", "/api/v1/dashboard", ANY),
                Arguments.of("GET", "/api/v1/timeline", ANY),
                Arguments.of("POST", "/api/v1/subscriptions", Set.of(Roles.ADMIN)),
                Arguments.of("GET", "/api/v1/subscriptions", ANY),
                Arguments.of("GET", "/api/v1/subscriptions/ac-x", ANY),
                Arguments.of("GET", "/api/v1/subscriptions/ac-x/dead-letters", ANY),
                Arguments.of("DELETE", "/api/v1/subscriptions/ac-x", Set.of(Roles.ADMIN)),
                Arguments.of("GET", "/q/openapi", ANY),
                Arguments.of("GET", "/nothing-here", ANY));
    }

    static Response call(RequestSpecification spec, String method, String path) {
        RequestSpecification s = spec.contentType(path.endsWith("/catalog") ? "application/yaml" : "application/json");
        return switch (method) {
            case "PUT" -> s.body("{}".getBytes()).put(path);
            case "POST" -> s.body("{}").post(path);
            case "DELETE" -> s.delete(path);
            default -> s.get(path);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void withoutCredentialsIs401AndEachRoleGetsInOnlyWhereAllowed(String method, String path, Set<String> allowed) {
        assertEquals(401, call(RestAssured.given(), method, path).statusCode(), "no credentials");
        assertEquals(
                401,
                call(RestAssured.given().header(Keys.HEADER, "not-a-key"), method, path)
                        .statusCode(),
                "unknown key");
        for (String role : ROLES) {
            int status = call(
                            RestAssured.given().header("Authorization", "Bearer " + Tokens.of("user-" + role, role)),
                            method,
                            path)
                    .statusCode();
            if (allowed.contains(role)) {
                assertNotEquals(401, status, role + " token");
                assertNotEquals(403, status, role + " token");
            } else {
                assertEquals(403, status, role + " token");
            }
        }
    }

    @Test
    void apiKeysCarryTheirConfiguredRoles() {
        call(RestAssured.given().header(Keys.HEADER, Keys.VIEWER), "POST", "/api/v1/subscriptions")
                .then()
                .statusCode(403);
        call(RestAssured.given().header(Keys.HEADER, Keys.ADMIN), "POST", "/api/v1/subscriptions")
                .then()
                .statusCode(400);
        call(RestAssured.given().header(Keys.HEADER, Keys.VIEWER), "POST", "/api/v1/decisions/ac-x/approve")
                .then()
                .statusCode(403);
        // A responder passes the role check (recovery steps are theirs); the decision's kind decides, once it is known.
        call(RestAssured.given().header(Keys.HEADER, Keys.RESPONDER), "POST", "/api/v1/decisions/ac-x/approve")
                .then()
                .statusCode(404);
        call(RestAssured.given().header(Keys.HEADER, Keys.DR_LEAD), "POST", "/api/v1/decisions/ac-x/approve")
                .then()
                .statusCode(404);
        // A key in the query string counts nowhere, not even on the stream or the drill pages a browser opens.
        RestAssured.given().get("/api/v1/platforms?key=" + Keys.VIEWER).then().statusCode(401);
        RestAssured.given().get("/api/v1/stream?key=" + Keys.VIEWER).then().statusCode(401);
        RestAssured.given().get("/api/v1/drills/ac-x?key=" + Keys.VIEWER).then().statusCode(401);
        RestAssured.given()
                .get("/api/v1/drills/ac-x/report.html?key=" + Keys.VIEWER)
                .then()
                .statusCode(401);
        RestAssured.given().get("/drills/ac-x?key=" + Keys.VIEWER).then().statusCode(401);
        RestAssured.given()
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/drills/ac-x/abandon?key=" + Keys.DR_LEAD)
                .then()
                .statusCode(401);
    }

    @Test
    void bearerTokensAreCheckedForIssuerAudienceSignatureAndExpiry() {
        bearer(Tokens.of("priya@contoso.example", "viewer"))
                .get("/api/v1/platforms")
                .then()
                .statusCode(200);
        bearer(Tokens.withIssuer("https://login.microsoftonline.com/another-tenant/v2.0", "x", "viewer"))
                .get("/api/v1/platforms")
                .then()
                .statusCode(401);
        bearer(Tokens.withAudience("api://someone-else", "x", "viewer"))
                .get("/api/v1/platforms")
                .then()
                .statusCode(401);
        bearer(Tokens.forged("x", "viewer")).get("/api/v1/platforms").then().statusCode(401);
        bearer(Tokens.expired("x", "viewer")).get("/api/v1/platforms").then().statusCode(401);
        bearer("not.a.jwt").get("/api/v1/platforms").then().statusCode(401);
        bearer(Tokens.of("x")).get("/api/v1/platforms").then().statusCode(403);
    }

    @Test
    void metricsAreOnTheManagementPortWithoutCredentialsAndNotOnTheMainPort() {
        String metrics = RestAssured.given()
                .baseUri("http://localhost")
                .port(ManagementPortResource.port())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(metrics.contains("stormwatch_status_records_consumed_total"), "status-api's own meters are there");
        RestAssured.given().get("/q/metrics").then().statusCode(401);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/q/metrics")
                .then()
                .statusCode(404);
        // Health stays on the main port, open, where the launcher and the probes look for it.
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void healthAndTheDashboardsStaticFilesAreOpen() {
        for (String path : List.of(
                "/",
                "/index.html",
                "/assets/dashboard.js",
                "/assets/dashboard.css",
                "/sign-in",
                "/q/health",
                "/q/health/ready",
                "/q/health/live")) {
            RestAssured.given().get(path).then().statusCode(200);
        }
    }

    @Test
    void theStreamTakesAKeyOrATokenAndNothingElse() throws Exception {
        try (SseClient sse = SseClient.connect(stream.toString())) {
            assertEquals(401, sse.status());
        }
        try (SseClient sse =
                SseClient.connect(stream.toString(), "Authorization", "Bearer " + Tokens.of("x", "viewer"))) {
            assertEquals(200, sse.status());
        }
        try (SseClient sse = SseClient.connect(stream.toString(), "Authorization", "Bearer " + Tokens.of("x"))) {
            assertEquals(403, sse.status());
        }
    }

    private static RequestSpecification bearer(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }
}
