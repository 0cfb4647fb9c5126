package dev.stormwatch.status.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.status.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A browser signs in with an API key posted in a form's body and is then carried by an encrypted, HttpOnly,
 * SameSite=Strict session cookie that names the key's identity, not the key; the cookie carries exactly the key's
 * roles; signing out ends it. The sign-in page offers Entra ID when it is configured.
 */
@QuarkusTest
class SignInIT {

    @Test
    void aKeyPostedInTheFormGivesASessionCookieWithTheKeysRoles() {
        String page = RestAssured.given()
                .queryParam("then", "/?platform=p1")
                .get("/sign-in")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .asString();
        assertTrue(
                page.contains(
                        "<form method=\"post\" action=\"/sign-in/key\" id=\"key-form\" data-then=\"/?platform=p1\""),
                page);
        assertTrue(page.contains("id=\"sign-in-entra\" href=\"/sign-in/entra?then=%2F%3Fplatform%3Dp1\""), page);

        Response signedIn = signIn(Keys.VIEWER);
        assertEquals(200, signedIn.statusCode());
        String cookie = signedIn.getCookie("stormwatch-session");
        assertTrue(cookie != null && !cookie.isEmpty(), "a session cookie");
        assertTrue(
                !cookie.contains(Keys.VIEWER) && !cookie.contains("dashboard"), "the cookie is encrypted: " + cookie);
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("stormwatch-session="))
                .findFirst()
                .orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("; httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);

        RestAssured.given()
                .cookie("stormwatch-session", cookie)
                .get("/api/v1/platforms")
                .then()
                .statusCode(200);
        RestAssured.given()
                .cookie("stormwatch-session", cookie)
                .contentType("application/json")
                .body(Map.of("reason", "r"))
                .post("/api/v1/decisions/si-x/approve")
                .then()
                .statusCode(403);
        String lead = signIn(Keys.DR_LEAD).getCookie("stormwatch-session");
        RestAssured.given()
                .cookie("stormwatch-session", lead)
                .contentType("application/json")
                .body(Map.of("reason", "r"))
                .post("/api/v1/decisions/si-x/approve")
                .then()
                .statusCode(404);
    }

    @Test
    void anUnknownKeyGetsNoSession() {
        Response refused = signIn("not-a-key");
        assertEquals(401, refused.statusCode());
        assertNull(refused.getCookie("stormwatch-session"));
        assertEquals("the credentials were not accepted", refused.jsonPath().getString("error"));
        // The page says so itself (its script shows this line on a refusal).
        assertTrue(RestAssured.given()
                .get("/sign-in")
                .asString()
                .contains("<p class=\"notice\" id=\"sign-in-failed\" hidden>That API key was not accepted.</p>"));
    }

    @Test
    void signingOutEndsTheSession() {
        Response out = RestAssured.given().redirects().follow(false).get("/sign-out");
        assertEquals(303, out.statusCode());
        assertTrue(out.getHeader("Location").endsWith("/sign-in"), out.getHeader("Location"));
        String cleared = out.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("stormwatch-session="))
                .findFirst()
                .orElseThrow();
        assertTrue(cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void onlyAPathOnThisServerIsAPlaceToReturnTo() {
        assertEquals("/", SignInResource.local(null));
        assertEquals("/", SignInResource.local("https://evil.example/"));
        assertEquals("/", SignInResource.local("//evil.example/"));
        assertEquals("/", SignInResource.local("/\\evil.example/"));
        assertEquals("/?platform=p1", SignInResource.local("/?platform=p1"));
        Response entra = RestAssured.given().redirects().follow(false).get("/sign-in/entra?then=//evil.example/");
        assertEquals(302, entra.statusCode(), "not signed in: off to the OIDC server first");
    }

    private static Response signIn(String key) {
        return RestAssured.given()
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("method", "api-key")
                .formParam("key", key)
                .post("/sign-in/key");
    }
}
