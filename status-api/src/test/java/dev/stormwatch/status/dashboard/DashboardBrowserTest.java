package dev.stormwatch.status.dashboard;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wall-screen dashboard in real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium):
 * the Contoso platform during a primary-region storage outage; an incident produced to incidents.v1 while the page
 * is open appears without a reload; the open decision's countdown ticks; a screenshot goes to target/screenshots.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String P = "contoso-data-platform";
    static final Instant IMPACT = Instant.parse("2026-11-22T09:05:00Z");
    static final Pattern HMS = Pattern.compile("\\d\\d:\\d\\d:\\d\\d");

    @TestHTTPResource("/")
    URL root;

    @Test
    void anIncidentAppearsLiveAndTheDecisionCountsDown() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            System.out.println("DashboardBrowserTest skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");
        Path catalogFile = Path.of(System.getProperty("stormwatch.repo.dir", "..")).resolve("deploy/catalog/contoso-data-platform.yaml");
        Assumptions.assumeTrue(Files.exists(catalogFile), catalogFile + " not found: browser test skipped");

        MutableClock.INSTANCE.set(MutableClock.START);
        writeTheOutage(CatalogLoader.load(catalogFile));
        Eventually.until(Duration.ofSeconds(20), "dashboard data", () -> RestAssured.given().header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/dashboard?platform=" + P).jsonPath().getList("platforms[0].openDecisions").size() == 1);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1920,1080", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            // A 1080p wall screen: the viewport itself is 1920 × 1080, whatever the window decorations take.
            driver.manage().window().setSize(new Dimension(1920, 1080));
            driver.get(root + "?key=" + Keys.VIEWER + "&platform=" + P);
            Long chrome = (Long) ((JavascriptExecutor) driver).executeScript("return window.outerHeight - window.innerHeight;");
            driver.manage().window().setSize(new Dimension(1920, 1080 + chrome.intValue()));
            waitFor(driver, "incident card of the first incident", () -> !driver.findElements(By.cssSelector("[data-incident='bt-storage']")).isEmpty());
            assertEquals(root + "?platform=" + P, driver.getCurrentUrl(), "the key is taken out of the address bar");
            waitFor(driver, "live stream connected", () -> driver.findElement(By.id("live")).getAttribute("class").contains("on"));

            // The countdown: decide by 10:40, service time 10:00 → about 40 minutes, ticking down.
            WebElement countdown = driver.findElement(By.cssSelector("[data-decision='bt-invoke-dr'] .countdown"));
            String first = countdown.getText();
            assertTrue(HMS.matcher(first).matches(), first);
            assertTrue(first.startsWith("00:40:") || first.startsWith("00:39:"), first);
            Thread.sleep(2100);
            String later = driver.findElement(By.cssSelector("[data-decision='bt-invoke-dr'] .countdown")).getText();
            assertNotEquals(first, later, "the countdown ticks");
            assertTrue(later.compareTo(first) < 0, first + " then " + later);

            // An incident produced while the page is open appears without a reload.
            ((JavascriptExecutor) driver).executeScript("window.__sameDocument = 'yes';");
            Samples.writeIncident(incident("bt-keyvault", "Key Vault — Australia East — degraded access", Severity.SEV2,
                    Instant.parse("2026-11-22T09:48:00Z"), List.of("key-vault"), 1));
            waitFor(driver, "live incident", () -> !driver.findElements(By.cssSelector("[data-incident='bt-keyvault']")).isEmpty());
            assertEquals("yes", ((JavascriptExecutor) driver).executeScript("return window.__sameDocument;"), "no reload");
            String card = driver.findElement(By.cssSelector("[data-incident='bt-keyvault']")).getText();
            assertTrue(card.contains("Key Vault — Australia East — degraded access"), card);
            assertTrue(card.contains("SEV2"), card);
            assertTrue(card.contains("Open for 12 min"), card);

            WebElement storage = driver.findElement(By.cssSelector("[data-component='adls-raw'][data-region='australiaeast']"));
            assertEquals("outage", storage.getAttribute("data-state"));
            assertEquals("failed-over", driver.findElement(By.cssSelector("[data-component='key-vault'][data-region='australiasoutheast']"))
                    .getAttribute("data-state"));
            assertTrue(driver.findElement(By.cssSelector(".feasibility")).getText().contains("Plan fits the RTO"));
            assertTrue(driver.findElement(By.cssSelector("[data-platform='" + P + "'] .timeline")).getText().contains("Acknowledged by alex via link"));

            Path screenshots = Path.of("target", "screenshots");
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("dashboard screenshot: " + screenshots.resolve("dashboard.png").toAbsolutePath());
        } finally {
            driver.quit();
        }
    }

    /** Storage down in the primary region, its dependants impacted, an open invoke-dr decision, a page acknowledged. */
    private static void writeTheOutage(Catalog catalog) {
        TopicWriter.get().write(Topics.CATALOG, P, EventTypes.CATALOG, "catalog:" + P + ":browser-test", "/stormwatch/launcher",
                MutableClock.START, false, catalog);
        Instant at = IMPACT.plusSeconds(420);
        for (String c : List.of("adls-raw", "adls-enriched", "adls-curated")) {
            Samples.writeStatus(P, c, "store", ComponentState.OUTAGE,
                    Map.of("australiaeast", ComponentState.OUTAGE, "australiasoutheast", ComponentState.OPERATIONAL), "bt-storage", at);
        }
        Samples.writeStatus(P, "databricks", "model", ComponentState.IMPACTED_UPSTREAM, Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM), null, at);
        Samples.writeStatus(P, "synapse", "serve", ComponentState.IMPACTED_UPSTREAM, Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM), null, at);
        Samples.writeStatus(P, "analysis-services", "serve", ComponentState.IMPACTED_UPSTREAM, Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM), null, at);
        Samples.writeStatus(P, "power-bi", "serve", ComponentState.IMPACTED_UPSTREAM, Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM), null, at);
        Samples.writeStatus(P, "data-factory", "ingest", ComponentState.MAINTENANCE,
                Map.of("australiaeast", ComponentState.MAINTENANCE, "australiasoutheast", ComponentState.RECOVERING), null, at);
        Samples.writeStatus(P, "key-vault", "foundation", ComponentState.DEGRADED,
                Map.of("australiaeast", ComponentState.DEGRADED, "australiasoutheast", ComponentState.FAILED_OVER), null, at);
        Samples.writeIncident(incident("bt-storage", "Storage — Australia East — service incident", Severity.SEV1, at,
                List.of("adls-raw", "adls-enriched", "adls-curated"), 2));
        // Decide by impact start + RTO 8 h − plan 6 h 25 min = 10:40.
        Samples.writeDecision(new Decision("bt-invoke-dr", P, "bt-storage", DecisionKind.INVOKE_DR, DecisionState.OPEN,
                "Invoke DR for Contoso Data Platform: fail over to Australia Southeast?",
                "Warm spare: start the recovery runbook in the secondary region; components are already procured.",
                List.of("approve: fail over", "decline: wait for Microsoft"), at, Instant.parse("2026-11-22T10:40:00Z"), false, null, 0,
                null, null, null, null, false, 1));
        Samples.writeNotification(Samples.notification("bt-page-1", P, "bt-storage", "alex", "webhook", 1, DeliveryResult.DELIVERED, null,
                at.plusSeconds(5)));
        Samples.writeAck("bt-page-1", "bt-storage", "alex", "alex", "link", at.plusSeconds(240));
    }

    private static Incident incident(String id, String title, Severity severity, Instant opened, List<String> components, long version) {
        return new Incident(id, P, title, IncidentState.OPEN, severity, components, List.of("australiaeast"), List.of("TRK-" + id), true,
                false, "Primary region hit; Microsoft is investigating", IMPACT, opened, null, null, null, opened, version, false,
                List.of(new TimelineEntry(opened, "opened", "Service Health TRK-" + id)));
    }

    private static void waitFor(ChromeDriver driver, String what, java.util.function.Supplier<Boolean> condition) {
        Eventually.until(Duration.ofSeconds(20), what, condition);
    }
}
