package dev.stormwatch.status.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.Tokens;
import dev.stormwatch.status.TopicWriter;
import dev.stormwatch.status.security.RequestUrls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Leadership signs in with Entra ID, played by the test OIDC server over real HTTP, in real headless Chromium: the
 * dashboard sends the browser to the sign-in page, "Sign in with Entra ID" runs the authorization code flow with PKCE
 * (the server's sign-in form, the code exchanged for tokens whose {@code roles} claim holds the app roles), and the
 * browser lands on the wall screen with a session cookie. A viewer sees the open invoke-dr decision but is refused when
 * approving it; after signing out (through the server's end-session endpoint), a DR lead approves it and the decision
 * records who. No request the browser made carried a credential in its URL.
 */
@QuarkusTest
class EntraSignInBrowserIT {

    static final String PLATFORM = "contoso-entra";
    static final String DECISION = "entra-invoke-dr";
    static final String LEAD = "priya@contoso.example";
    static final String VIEWER = "victor@contoso.example";

    @TestHTTPResource("/")
    URL root;

    @OidcWireMock
    WireMockServer oidc;

    @Test
    void aViewerIsRefusedAndADrLeadApprovesTheDecision() throws Exception {
        boolean browser =
                Files.isExecutable(DashboardBrowserIT.CHROMIUM) && Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER);
        if (!browser) {
            System.out.println("EntraSignInBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");
        Path catalogFile = Path.of(System.getProperty("stormwatch.repo.dir", ".."))
                .resolve("deploy/catalog/contoso-data-platform.yaml");
        Assumptions.assumeTrue(Files.exists(catalogFile), catalogFile + " not found: browser test skipped");

        signsInAs(VIEWER, "code-victor", "viewer");
        signsInAs(LEAD, "code-priya", "viewer", "responder", "dr-lead");
        // Entra ID's sign-out returns to the address the application names.
        oidc.stubFor(get(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/end-session"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "{{request.query.post_logout_redirect_uri}}")
                        .withTransformers("response-template")));

        MutableClock.INSTANCE.set(MutableClock.START);
        Catalog catalog = CatalogLoader.parse(
                "contoso-entra.yaml", Files.readString(catalogFile).replace(DashboardBrowserIT.P, PLATFORM));
        TopicWriter.get()
                .write(
                        Topics.CATALOG,
                        PLATFORM,
                        EventTypes.CATALOG,
                        "catalog:" + PLATFORM + ":entra-test",
                        "/stormwatch/launcher",
                        MutableClock.START,
                        false,
                        catalog);
        Instant at = MutableClock.START.minusSeconds(600);
        Samples.writeDecision(new Decision(
                DECISION,
                PLATFORM,
                "entra-incident",
                DecisionKind.INVOKE_DR,
                DecisionState.OPEN,
                "Invoke DR for Contoso Data Platform: fail over to Australia Southeast?",
                "Warm spare: start the recovery runbook",
                List.of("approve: fail over", "decline: wait for Microsoft"),
                at,
                MutableClock.START.plusSeconds(3600),
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                false,
                1));
        Eventually.until(
                Duration.ofSeconds(20),
                "the open decision on the dashboard",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/dashboard?platform=" + PLATFORM)
                                .jsonPath()
                                .getList("platforms[0].openDecisions")
                                .size()
                        == 1);

        long requestsBefore = RequestUrls.mark();
        ChromeDriver driver = DashboardBrowserIT.chrome();
        try {
            driver.manage().window().setSize(new Dimension(1920, 1080));
            String wallScreen = root + "?platform=" + PLATFORM;

            // A viewer: sees the decision, is refused approving it.
            signInWithEntra(driver, wallScreen, "victor");
            clickApprove(driver, "viewer wants to fail over");
            DashboardBrowserIT.waitFor(
                    driver,
                    "the refusal notice",
                    () -> driver.findElement(By.id("notice")).isDisplayed()
                            && driver.findElement(By.id("notice"))
                                    .getText()
                                    .startsWith("Not allowed with your sign-in"));
            assertEquals("open", decision().getString("decision.state"), "the viewer's approval was refused");

            // Sign out through Entra ID, back to the sign-in page; the dashboard's data is closed again.
            driver.findElement(By.id("sign-out")).click();
            DashboardBrowserIT.waitFor(
                    driver,
                    "the sign-in page after signing out",
                    () -> driver.getCurrentUrl().startsWith(root + "sign-in")
                            && !driver.findElements(By.id("sign-in-entra")).isEmpty());
            assertTrue(
                    driver.manage().getCookies().stream()
                            .noneMatch(c -> c.getName().startsWith("q_session")),
                    "the session cookie is gone: " + driver.manage().getCookies());

            // A DR lead approves.
            signInWithEntra(driver, wallScreen, "priya");
            clickApprove(driver, "Microsoft gives no ETA; the RTO runs out");
            Eventually.until(
                    Duration.ofSeconds(20),
                    "the decision approved by the DR lead",
                    () -> "approved".equals(decision().getString("decision.state")));
            JsonPath taken = decision();
            assertEquals(LEAD, taken.getString("decision.decidedBy"));
            assertEquals("Microsoft gives no ETA; the RTO runs out", taken.getString("decision.reason"));
        } finally {
            driver.quit();
        }
        DashboardBrowserIT.assertNoKeyInAnyUrl(RequestUrls.since(requestsBefore));
        for (String url : RequestUrls.since(requestsBefore)) {
            assertTrue(!url.contains("access_token") && !url.contains("id_token"), "a token in the URL " + url);
        }
    }

    /**
     * The OIDC server's sign-in form for {@code user} returns {@code code}, which it exchanges for tokens with these
     * app roles.
     */
    private void signsInAs(String user, String code, String... roles) {
        String login = user.substring(0, user.indexOf('@'));
        oidc.stubFor(get(urlPathEqualTo("/login"))
                .withQueryParam("username", equalTo(login))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader(
                                "Location", "{{request.query.redirect_uri}}?state={{request.query.state}}&code=" + code)
                        .withTransformers("response-template")));
        oidc.stubFor(post(urlEqualTo("/auth/realms/quarkus/token"))
                .withRequestBody(containing("code=" + code))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + Tokens.of(user, roles) + "\",\"id_token\":\""
                                + Tokens.idToken(user, roles) + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
    }

    private void signInWithEntra(ChromeDriver driver, String wallScreen, String login) {
        driver.get(wallScreen);
        DashboardBrowserIT.waitFor(
                driver,
                "the sign-in page",
                () -> !driver.findElements(By.id("sign-in-entra")).isEmpty());
        driver.findElement(By.id("sign-in-entra")).click();
        DashboardBrowserIT.waitFor(
                driver,
                "the OIDC server's sign-in form",
                () -> !driver.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys("not-checked-by-the-test-server");
        driver.findElement(By.id("login")).click();
        DashboardBrowserIT.waitFor(
                driver,
                "back on the wall screen",
                () -> driver.getCurrentUrl().equals(wallScreen)
                        && !driver.findElements(By.cssSelector("[data-decision='" + DECISION + "'] button.approve"))
                                .isEmpty());
    }

    private static void clickApprove(ChromeDriver driver, String reason) {
        driver.findElement(By.cssSelector("[data-decision='" + DECISION + "'] button.approve"))
                .click();
        DashboardBrowserIT.waitFor(driver, "the reason prompt", () -> {
            try {
                driver.switchTo().alert();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        driver.switchTo().alert().sendKeys(reason);
        driver.switchTo().alert().accept();
    }

    private static JsonPath decision() {
        return RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/decisions/" + DECISION)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
