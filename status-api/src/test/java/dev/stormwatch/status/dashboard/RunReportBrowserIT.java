package dev.stormwatch.status.dashboard;

import static dev.stormwatch.status.dashboard.DashboardBrowserIT.CHROMEDRIVER;
import static dev.stormwatch.status.dashboard.DashboardBrowserIT.CHROMIUM;
import static dev.stormwatch.status.dashboard.DashboardBrowserIT.chrome;
import static dev.stormwatch.status.dashboard.DashboardBrowserIT.signInWithKey;
import static dev.stormwatch.status.dashboard.DashboardBrowserIT.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicWriter;
import dev.stormwatch.status.drill.DrillFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A real DR run's report in headless Chromium: the run is listed on the platform's panel, its link opens the report
 * page with the recovery time from DR invoked (10:10) to the business sign-off (14:40), 4 h 30 min against the RTO of 4
 * h, the steps expected beside actual with the flagged one marked, and the download link; the download is a
 * self-contained attachment. A screenshot of the page goes to {@code stormwatch.screens.dir} (default
 * target/screenshots).
 */
@QuarkusTest
class RunReportBrowserIT {

    static final String P = "run-browser";
    static final String RUN = "run-inc-run-browser-stg-20261122-1000-invoke-dr";
    static final Instant SIGNED_OFF = Instant.parse("2026-11-22T14:40:00Z");

    @TestHTTPResource("/")
    URL root;

    @Test
    void theRunReportPageShowsTheRecoveryAgainstTheRtoAndEveryStep() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            System.out.println("RunReportBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");
        MutableClock.INSTANCE.set(MutableClock.START);
        Samples.publishCatalog(P);
        DrillReport run = run();
        TopicWriter.get()
                .write(
                        Topics.DRILLS,
                        RUN,
                        EventTypes.DR_RUN,
                        RUN + "-v" + run.version(),
                        Samples.CORRELATOR,
                        SIGNED_OFF,
                        false,
                        run);
        Eventually.until(
                Duration.ofSeconds(20),
                "the run on the dashboard",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/dashboard?platform=" + P)
                                .jsonPath()
                                .getList("platforms[0].runs")
                                .size()
                        == 1);

        ChromeDriver driver = chrome();
        try {
            driver.manage().window().setSize(new Dimension(1600, 1400));
            signInWithKey(driver, root, Keys.VIEWER, "?platform=" + P);
            waitFor(
                    driver,
                    "the run on the panel",
                    () -> !driver.findElements(By.cssSelector("[data-run='" + RUN + "'] a"))
                            .isEmpty());
            String listed = driver.findElement(By.cssSelector("[data-run='" + RUN + "']"))
                    .getText();
            assertEquals(
                    "DR run report " + RUN + " · completed · recovered in 4h30m (over the RTO) · measurements flagged",
                    listed);
            driver.findElement(By.cssSelector("[data-run='" + RUN + "'] a")).click();
            waitFor(driver, "the run report page", () -> driver.getCurrentUrl().equals(root + "runs/" + RUN));

            assertEquals(
                    "REAL DR RUN — FAILOVER OF THE PLATFORM",
                    driver.findElement(By.id("run-banner-text")).getText());
            assertTrue(
                    driver.findElements(By.id("drill-banner-text")).isEmpty(), "a real run is not marked as a drill");
            assertEquals(
                    "DR run report: Small Test Platform",
                    driver.findElement(By.tagName("h1")).getText());
            assertEquals(
                    "Missed the RTO: 4 h 30 min from DR invoked to business sign-off against the RTO of 4 h, 30 min "
                            + "over",
                    driver.findElement(By.id("verdict")).getText());
            assertEquals(
                    "4 h 30 min", driver.findElement(By.id("recovery-time")).getText());
            assertEquals(
                    "3 h 20 min 4 h 4 h 30 min 4 h 4 h",
                    driver.findElement(By.cssSelector("#totals tr.total")).getText());
            assertEquals(
                    "dana at 2026-11-22 10:10:00 UTC",
                    driver.findElement(By.id("dr-invoked")).getText());
            List<WebElement> steps = driver.findElements(By.cssSelector("#steps tr.step"));
            assertEquals(6, steps.size());
            assertEquals(
                    "1 Key Vault Recover Key Vault 30 min 25 min −5 min 2026-11-22 10:10:00 by mulder 2026-11-22 "
                            + "10:35:00 by mulder vault reachable from the secondary far-below-estimate",
                    steps.get(0).getText());
            assertTrue(steps.get(0).getAttribute("class").contains("flagged"));
            assertFalse(steps.get(1).getAttribute("class").contains("flagged"));
            assertEquals(
                    "1 of 6 steps are flagged (step 1 far-below-estimate): far below their estimate, or completed "
                            + "without evidence. The measurements of this DR run are not used for the feasibility "
                            + "until a DR lead accepts them.",
                    driver.findElement(By.id("measurements")).getText());
            assertEquals(
                    "Business sign-off in Stormwatch: approved by fiona at 2026-11-22 14:40:00",
                    driver.findElement(By.id("signoff-recorded")).getText());
            String timeline = driver.findElement(By.id("timeline")).getText();
            assertTrue(
                    timeline.contains("2026-11-22 10:10:00 DR invoked (invoke-dr approved): failover started dana"),
                    timeline);
            assertTrue(timeline.contains("2026-11-22 14:10:00 Recovered: every recovery step completed"), timeline);
            assertTrue(timeline.contains("2026-11-22 14:40:00 Business sign-off approved fiona"), timeline);
            assertEquals(
                    root + "api/v1/runs/" + RUN + "/report.html",
                    driver.findElement(By.id("download")).getAttribute("href"));

            Path screens = Path.of(System.getProperty("stormwatch.screens.dir", "target/screenshots"));
            Files.createDirectories(screens);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screens.resolve("run-report.png"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("run report screenshot: "
                    + screens.resolve("run-report.png").toAbsolutePath());
        } finally {
            driver.quit();
        }

        Response download =
                RestAssured.given().header(Keys.HEADER, Keys.VIEWER).get("/api/v1/runs/" + RUN + "/report.html");
        assertEquals(200, download.statusCode());
        assertEquals("attachment; filename=\"dr-run-report-" + RUN + ".html\"", download.header("Content-Disposition"));
        assertFalse(download.asString().contains("<script"), "self-contained, no script");
        assertFalse(download.asString().contains("<link"), "self-contained, no stylesheet to fetch");
        assertTrue(download.asString().contains("Missed the RTO: 4 h 30 min"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/runs/" + P + "-no-such-run")
                .then()
                .statusCode(404);
    }

    /** The small platform's steps as a real run measured them; DR invoked 10:10, signed off 14:40; RTO 4 h. */
    static DrillReport run() {
        DrillReport r =
                DrillFixtures.flagged(DrillFixtures.report(RUN, P, DrillState.COMPLETED, Duration.ofHours(4), 4));
        return new DrillReport(
                RUN,
                P,
                r.platformName(),
                "inc-run-browser-stg-20261122-1000",
                DrillState.COMPLETED,
                "failover of Small Test Platform",
                "dana",
                DrillFixtures.INVOKED,
                "dana",
                DrillFixtures.INVOKED,
                r.recoveredAt(),
                SIGNED_OFF,
                r.rto(),
                r.expectedTotal(),
                r.actualTotal(),
                r.measuredPlanTotal(),
                r.meetsRto(),
                r.expectedCriticalPath(),
                r.criticalPathAsRun(),
                r.steps(),
                4,
                DrillReport.DR_RUN,
                "fiona",
                SIGNED_OFF,
                Duration.between(DrillFixtures.INVOKED, SIGNED_OFF),
                null,
                null);
    }
}
