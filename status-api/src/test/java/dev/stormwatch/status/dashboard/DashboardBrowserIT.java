package dev.stormwatch.status.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
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
import dev.stormwatch.status.security.RequestUrls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

/**
 * The wall-screen dashboard in real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): the
 * Contoso platform during a primary-region storage outage; an incident produced to incidents.v1 while the page is open
 * appears without a reload; the open decision's countdown ticks; a screenshot goes to target/screenshots.
 */
@QuarkusTest
class DashboardBrowserIT {

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
            System.out.println("DashboardBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");
        Path catalogFile = Path.of(System.getProperty("stormwatch.repo.dir", ".."))
                .resolve("deploy/catalog/contoso-data-platform.yaml");
        Assumptions.assumeTrue(Files.exists(catalogFile), catalogFile + " not found: browser test skipped");

        MutableClock.INSTANCE.set(MutableClock.START);
        writeTheOutage(CatalogLoader.load(catalogFile));
        Eventually.until(
                Duration.ofSeconds(20),
                "dashboard data",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/dashboard?platform=" + P)
                                .jsonPath()
                                .getList("platforms[0].openDecisions")
                                .size()
                        == 1);

        long requestsBefore = RequestUrls.mark();
        ChromeDriver driver = chrome();
        try {
            // A 1080p wall screen: the viewport itself is 1920 × 1080, whatever the window decorations take.
            driver.manage().window().setSize(new Dimension(1920, 1080));
            signInWithKey(driver, root, Keys.VIEWER, "?platform=" + P);
            Long chrome = (Long)
                    ((JavascriptExecutor) driver).executeScript("return window.outerHeight - window.innerHeight;");
            driver.manage().window().setSize(new Dimension(1920, 1080 + chrome.intValue()));
            waitFor(
                    driver,
                    "incident card of the first incident",
                    () -> !driver.findElements(By.cssSelector("[data-incident='bt-storage']"))
                            .isEmpty());
            assertEquals(
                    root + "?platform=" + P,
                    driver.getCurrentUrl(),
                    "back on the wall screen after signing in, no key in the address bar");
            waitFor(
                    driver,
                    "live stream connected",
                    () -> driver.findElement(By.id("live"))
                            .getAttribute("class")
                            .contains("on"));

            // The countdown: decide by 10:40, service time 10:00 → about 40 minutes, ticking down.
            WebElement countdown = driver.findElement(By.cssSelector("[data-decision='bt-invoke-dr'] .countdown"));
            String first = countdown.getText();
            assertTrue(HMS.matcher(first).matches(), first);
            assertTrue(first.startsWith("00:40:") || first.startsWith("00:39:"), first);
            Thread.sleep(2100);
            String later = driver.findElement(By.cssSelector("[data-decision='bt-invoke-dr'] .countdown"))
                    .getText();
            assertNotEquals(first, later, "the countdown ticks");
            assertTrue(later.compareTo(first) < 0, first + " then " + later);

            // An incident produced while the page is open appears without a reload.
            ((JavascriptExecutor) driver).executeScript("window.__sameDocument = 'yes';");
            Samples.writeIncident(incident(
                    "bt-keyvault",
                    "Key Vault — Australia East — degraded access",
                    Severity.SEV2,
                    Instant.parse("2026-11-22T09:48:00Z"),
                    List.of("key-vault"),
                    1));
            waitFor(
                    driver,
                    "live incident",
                    () -> !driver.findElements(By.cssSelector("[data-incident='bt-keyvault']"))
                            .isEmpty());
            assertEquals(
                    "yes", ((JavascriptExecutor) driver).executeScript("return window.__sameDocument;"), "no reload");
            String card = driver.findElement(By.cssSelector("[data-incident='bt-keyvault']"))
                    .getText();
            assertTrue(card.contains("Key Vault — Australia East — degraded access"), card);
            assertTrue(card.contains("SEV2"), card);
            assertTrue(card.contains("Open for 12 min"), card);

            WebElement storage =
                    driver.findElement(By.cssSelector("[data-component='adls-raw'][data-region='australiaeast']"));
            assertEquals("outage", storage.getAttribute("data-state"));
            assertEquals(
                    "failed-over",
                    driver.findElement(By.cssSelector("[data-component='key-vault'][data-region='australiasoutheast']"))
                            .getAttribute("data-state"));
            assertTrue(
                    driver.findElement(By.cssSelector(".feasibility")).getText().contains("Plan fits the RTO"));
            assertTrue(driver.findElement(By.cssSelector("[data-platform='" + P + "'] .timeline"))
                    .getText()
                    .contains("Acknowledged by alex via link"));

            Path screenshots = Path.of("target", "screenshots");
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("dashboard screenshot: "
                    + screenshots.resolve("dashboard.png").toAbsolutePath());
        } finally {
            driver.quit();
        }
        assertNoKeyInAnyUrl(RequestUrls.since(requestsBefore));
    }

    /**
     * A drill of the Contoso plan (under its own platform id, so that the outage above is not disturbed): on the wall
     * screen the drill incident and its recovery step are marked DRILL in the drill colour, a responder starts the step
     * with the Start button (STEP_STARTED on dr-decisions.v1), and the drill report page shows the platform, who
     * started it, the per-step table with overruns, the totals and verdict, and the sign-off block. Screenshot:
     * target/screenshots/drill-report.png.
     */
    @Test
    void aDrillIsMarkedOnTheWallScreenAndItsReportPageShowsTheMeasuredPlan() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");
        Path catalogFile = Path.of(System.getProperty("stormwatch.repo.dir", ".."))
                .resolve("deploy/catalog/contoso-data-platform.yaml");
        Assumptions.assumeTrue(Files.exists(catalogFile), catalogFile + " not found: browser test skipped");

        MutableClock.INSTANCE.set(Instant.parse("2026-11-22T10:20:00Z"));
        Catalog catalog = CatalogLoader.parse(
                "contoso-drill.yaml", Files.readString(catalogFile).replace(P, DRILL_PLATFORM));
        TopicWriter.get()
                .write(
                        Topics.CATALOG,
                        DRILL_PLATFORM,
                        EventTypes.CATALOG,
                        "catalog:" + DRILL_PLATFORM + ":browser-test",
                        "/stormwatch/launcher",
                        MutableClock.START,
                        false,
                        catalog);
        DrillReport report = drillReport(catalog);
        TopicWriter.get()
                .write(
                        Topics.DRILLS,
                        DRILL_ID,
                        EventTypes.DRILL,
                        "drill:" + DRILL_ID + ":" + report.version(),
                        Samples.CORRELATOR,
                        DRILL_STARTED,
                        true,
                        report);
        Instant opened = DRILL_STARTED;
        Samples.writeIncident(new Incident(
                "drill-" + DRILL_ID,
                DRILL_PLATFORM,
                "DR drill: Contoso Data Platform",
                IncidentState.OPEN,
                Severity.SEV1,
                List.of("key-vault"),
                List.of("australiaeast"),
                List.of(),
                true,
                false,
                "Drill: a rehearsal of the DR plan, not an outage",
                opened,
                opened,
                null,
                null,
                null,
                opened,
                1,
                true,
                List.of(new TimelineEntry(opened, "drill started", "requested by dr-lead"))));
        Samples.writeDecision(new Decision(
                "bt-drill-step-1",
                DRILL_PLATFORM,
                "drill-" + DRILL_ID,
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step 1: Recover Key Vault",
                "Run the step, then complete it",
                List.of("approve: completed", "decline: failed"),
                opened.plusSeconds(600),
                null,
                false,
                new RecoveryStepRef(
                        "key-vault",
                        "Recover Key Vault secrets and access policies in the secondary region",
                        1,
                        null,
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(10),
                        "secrets readable",
                        "escalate",
                        "dr-lead"),
                0,
                null,
                null,
                null,
                null,
                true,
                1));
        Eventually.until(
                Duration.ofSeconds(30),
                "drill report and dashboard data",
                () -> RestAssured.given()
                                        .header(Keys.HEADER, Keys.VIEWER)
                                        .get("/api/v1/drills/" + DRILL_ID)
                                        .statusCode()
                                == 200
                        && RestAssured.given()
                                        .header(Keys.HEADER, Keys.VIEWER)
                                        .get("/api/v1/dashboard?platform=" + DRILL_PLATFORM)
                                        .jsonPath()
                                        .getList("platforms[0].openDecisions")
                                        .size()
                                == 1);

        long requestsBefore = RequestUrls.mark();
        ChromeDriver driver = chrome();
        try {
            driver.manage().window().setSize(new Dimension(1920, 1080));
            signInWithKey(driver, root, Keys.RESPONDER, "?platform=" + DRILL_PLATFORM);
            waitFor(
                    driver,
                    "drill incident card",
                    () -> !driver.findElements(By.cssSelector("[data-incident='drill-" + DRILL_ID + "']"))
                            .isEmpty());
            WebElement card = driver.findElement(By.cssSelector("[data-incident='drill-" + DRILL_ID + "']"));
            assertTrue(card.getAttribute("class").contains("drill"), card.getAttribute("class"));
            assertEquals(
                    "DRILL", card.findElement(By.cssSelector(".badge.drill")).getText());
            assertEquals(
                    "rgba(142, 68, 173, 1)",
                    card.getCssValue("border-left-color"),
                    "the drill colour, not an outage's");
            WebElement step = driver.findElement(By.cssSelector("[data-step-decision='bt-drill-step-1']"));
            assertEquals(
                    "DRILL", step.findElement(By.cssSelector(".badge.drill")).getText());
            step.findElement(By.cssSelector("button.start")).click();
            Eventually.until(
                    Duration.ofSeconds(30),
                    "step started through the dashboard",
                    () -> "on-call"
                            .equals(RestAssured.given()
                                    .header(Keys.HEADER, Keys.VIEWER)
                                    .get("/api/v1/decisions/bt-drill-step-1")
                                    .jsonPath()
                                    .getString("decision.startedBy")));
            waitFor(
                    driver,
                    "Complete button once started",
                    () -> !driver.findElements(By.cssSelector("[data-step-decision='bt-drill-step-1'] button.complete"))
                            .isEmpty());

            // The report page, through the card's link (the session cookie goes with it, no key in the URL). The card
            // is
            // found again: every change re-renders the panel.
            String href = attributeOf(driver, "[data-incident='drill-" + DRILL_ID + "'] a.report-link", "href");
            assertEquals(root + "drills/" + DRILL_ID, href);
            driver.manage().window().setSize(new Dimension(1600, 2600));
            driver.get(href);
            waitFor(
                    driver,
                    "report page",
                    () -> !driver.findElements(By.id("steps")).isEmpty());
            assertEquals(
                    "DRILL — REHEARSAL, NOT AN OUTAGE",
                    driver.findElement(By.id("drill-banner-text")).getText());
            assertEquals(
                    "Contoso Data Platform (" + DRILL_PLATFORM + ")",
                    driver.findElement(By.id("platform")).getText());
            assertEquals(
                    "dr-lead at 2026-11-22 10:00:00 UTC",
                    driver.findElement(By.id("started-by")).getText());
            assertEquals(
                    "Annual DR test in the DR test subscription",
                    driver.findElement(By.id("note")).getText());
            List<WebElement> rows = driver.findElements(By.cssSelector("#steps tr.step"));
            assertEquals(12, rows.size(), "every runbook step of the plan, Databricks with two");
            assertEquals(
                    "Key Vault | Recover Key Vault secrets and access policies in the secondary region | 30 min | 25 "
                            + "min | −5 min",
                    cells(row(rows, "Key Vault")));
            WebElement raw = row(rows, "ADLS raw zone");
            assertEquals(
                    "ADLS raw zone | Fail over the raw storage account (GRS) to the secondary region | 1 h 30 min | 2 "
                            + "h 45 min | +1 h 15 min",
                    cells(raw));
            assertTrue(raw.getAttribute("class").contains("over"), raw.getAttribute("class"));
            assertEquals(
                    "rgba(253, 226, 225, 1)",
                    raw.findElement(By.cssSelector("td.overrun")).getCssValue("background-color"),
                    "overrun highlighted");
            assertEquals(
                    "Synapse presentation (dedicated SQL pool) | Restore the dedicated SQL pool from its geo-backup | "
                            + "1 h 20 min | 2 h 5 min | +45 min",
                    cells(row(rows, "Synapse presentation (dedicated SQL pool)")));
            // Critical path Key Vault 25 + raw 165 + enriched 30 + curated 30 + Databricks 60 + Synapse 125 + AS 45 +
            // Power BI 20 = 500 min.
            assertEquals(
                    "Misses the RTO: the measured plan takes 8 h 20 min against the RTO of 8 h, 20 min over; automate "
                            + "or parallelise steps, uplift tiers, or extend the RTO",
                    driver.findElement(By.id("verdict")).getText());
            assertEquals(
                    "6 h 25 min 8 h 5 min 8 h 20 min 8 h",
                    driver.findElement(By.cssSelector("#totals tr.total")).getText());
            assertEquals(
                    3, driver.findElements(By.cssSelector("#signoff tr.sign")).size());
            assertTrue(driver.getPageSource().contains("Download this report"));

            Path screenshots = Path.of("target", "screenshots");
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve("drill-report.png"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("drill report screenshot: "
                    + screenshots.resolve("drill-report.png").toAbsolutePath());
        } finally {
            driver.quit();
        }
    }

    static final String DRILL_PLATFORM = "contoso-drill";
    static final String DRILL_ID = "contoso-drill-20261122T1000-b7e1";
    static final Instant DRILL_STARTED = Instant.parse("2026-11-22T10:00:00Z");

    /**
     * A completed drill of the Contoso plan as the correlator would report it: every step measured, the raw zone's
     * failover 1 h 15 min over, Synapse's restore 45 min over, Key Vault 5 min under; the measured plan 8 h 20 min.
     */
    static DrillReport drillReport(Catalog catalog) {
        Map<String, Long> delta = Map.of("adls-raw", 75L, "synapse", 45L, "key-vault", -5L);
        RecoveryPlan expected = RecoveryPlan.of(catalog);
        RecoveryPlan measured =
                RecoveryPlan.of(catalog, (c, s) -> s.plannedDuration().plusMinutes(delta.getOrDefault(c, 0L)));
        Instant invoked = DRILL_STARTED.plusSeconds(600);
        List<StepTiming> steps = new java.util.ArrayList<>();
        int order = 0;
        String last = null;
        for (RecoveryPlan.StepSchedule s : measured.stepsInRunOrder()) {
            if (!s.componentId().equals(last)) {
                order++;
                last = s.componentId();
            }
            Duration planned = expected.stepsInRunOrder().stream()
                    .filter(e ->
                            e.componentId().equals(s.componentId()) && e.step().equals(s.step()))
                    .findFirst()
                    .map(e -> e.finish().minus(e.start()))
                    .orElseThrow();
            Instant started = invoked.plus(s.start());
            Duration actual = s.finish().minus(s.start());
            String who = order % 2 == 0 ? "raj" : "mei";
            steps.add(new StepTiming(
                    order,
                    s.componentId(),
                    s.step(),
                    s.parallelGroup(),
                    planned,
                    started,
                    who,
                    started.plus(actual),
                    who,
                    actual,
                    1,
                    "validated: " + s.componentId() + " serves reads in Australia Southeast"));
        }
        Instant recovered = invoked.plus(measured.total());
        return new DrillReport(
                DRILL_ID,
                DRILL_PLATFORM,
                "Contoso Data Platform",
                "drill-" + DRILL_ID,
                DrillState.COMPLETED,
                "Annual DR test in the DR test subscription",
                "dr-lead",
                DRILL_STARTED,
                "priya",
                invoked,
                recovered,
                recovered.plusSeconds(2400),
                Duration.ofHours(8),
                expected.total(),
                measured.total().minusMinutes(15),
                measured.total(),
                measured.meets(Duration.ofHours(8)),
                expected.criticalComponents(),
                measured.criticalComponents(),
                steps,
                14);
    }

    /**
     * Component, step, expected, actual, overrun of a step row (the run order and an empty parallel group left out).
     */
    private static String cells(WebElement row) {
        return String.join(
                " | ",
                row.findElements(By.tagName("td")).stream()
                        .skip(1)
                        .limit(6)
                        .map(WebElement::getText)
                        .filter(t -> !t.isEmpty())
                        .toList());
    }

    private static WebElement row(List<WebElement> rows, String component) {
        return rows.stream()
                .filter(r -> r.findElements(By.tagName("td")).get(1).getText().equals(component))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step row of " + component));
    }

    /**
     * Signs in as a newcomer does: opens the dashboard, is sent to the sign-in page, types the API key into the form
     * (posted in the body), and lands back on the dashboard address it opened.
     */
    static void signInWithKey(ChromeDriver driver, URL root, String key, String dashboardQuery) {
        driver.get(root + dashboardQuery);
        waitFor(
                driver,
                "the sign-in page",
                () -> !driver.findElements(By.id("key")).isEmpty());
        driver.findElement(By.id("key")).sendKeys(key);
        driver.findElement(By.id("sign-in-key")).click();
        waitFor(driver, "back on the dashboard", () -> driver.getCurrentUrl().equals(root + dashboardQuery));
    }

    /** No request the browser made carried an API key in its URL, nor a {@code key} parameter at all. */
    static void assertNoKeyInAnyUrl(List<String> urls) {
        assertTrue(urls.size() > 3, "the browser's requests were recorded: " + urls);
        for (String url : urls) {
            for (String key : List.of(Keys.VIEWER, Keys.RESPONDER, Keys.DR_LEAD, Keys.ADMIN, Keys.FINANCE)) {
                assertFalse(url.contains(key), "an API key in the URL " + url);
            }
            assertFalse(url.matches(".*[?&]key=.*"), "a key parameter in the URL " + url);
        }
    }

    /** An attribute of an element the next live change may re-render: read again until it holds still. */
    static String attributeOf(ChromeDriver driver, String css, String attribute) {
        String[] value = new String[1];
        waitFor(driver, attribute + " of " + css, () -> {
            try {
                value[0] = driver.findElement(By.cssSelector(css)).getAttribute(attribute);
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        return value[0];
    }

    static ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1920,1080",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Storage down in the primary region, its dependants impacted, an open invoke-dr decision, a page acknowledged. */
    private static void writeTheOutage(Catalog catalog) {
        TopicWriter.get()
                .write(
                        Topics.CATALOG,
                        P,
                        EventTypes.CATALOG,
                        "catalog:" + P + ":browser-test",
                        "/stormwatch/launcher",
                        MutableClock.START,
                        false,
                        catalog);
        Instant at = IMPACT.plusSeconds(420);
        for (String c : List.of("adls-raw", "adls-enriched", "adls-curated")) {
            Samples.writeStatus(
                    P,
                    c,
                    "store",
                    ComponentState.OUTAGE,
                    Map.of("australiaeast", ComponentState.OUTAGE, "australiasoutheast", ComponentState.OPERATIONAL),
                    "bt-storage",
                    at);
        }
        Samples.writeStatus(
                P,
                "databricks",
                "model",
                ComponentState.IMPACTED_UPSTREAM,
                Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM),
                null,
                at);
        Samples.writeStatus(
                P,
                "synapse",
                "serve",
                ComponentState.IMPACTED_UPSTREAM,
                Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM),
                null,
                at);
        Samples.writeStatus(
                P,
                "analysis-services",
                "serve",
                ComponentState.IMPACTED_UPSTREAM,
                Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM),
                null,
                at);
        Samples.writeStatus(
                P,
                "power-bi",
                "serve",
                ComponentState.IMPACTED_UPSTREAM,
                Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM),
                null,
                at);
        Samples.writeStatus(
                P,
                "data-factory",
                "ingest",
                ComponentState.MAINTENANCE,
                Map.of("australiaeast", ComponentState.MAINTENANCE, "australiasoutheast", ComponentState.RECOVERING),
                null,
                at);
        Samples.writeStatus(
                P,
                "key-vault",
                "foundation",
                ComponentState.DEGRADED,
                Map.of("australiaeast", ComponentState.DEGRADED, "australiasoutheast", ComponentState.FAILED_OVER),
                null,
                at);
        Samples.writeIncident(incident(
                "bt-storage",
                "Storage — Australia East — service incident",
                Severity.SEV1,
                at,
                List.of("adls-raw", "adls-enriched", "adls-curated"),
                2));
        // Decide by impact start + RTO 8 h − plan 6 h 25 min = 10:40.
        Samples.writeDecision(new Decision(
                "bt-invoke-dr",
                P,
                "bt-storage",
                DecisionKind.INVOKE_DR,
                DecisionState.OPEN,
                "Invoke DR for Contoso Data Platform: fail over to Australia Southeast?",
                "Warm spare: start the recovery runbook in the secondary region; components are already procured.",
                List.of("approve: fail over", "decline: wait for Microsoft"),
                at,
                Instant.parse("2026-11-22T10:40:00Z"),
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                false,
                1));
        Samples.writeNotification(Samples.notification(
                "bt-page-1", P, "bt-storage", "alex", "webhook", 1, DeliveryResult.DELIVERED, null, at.plusSeconds(5)));
        Samples.writeAck("bt-page-1", "bt-storage", "alex", "alex", "link", at.plusSeconds(240));
    }

    private static Incident incident(
            String id, String title, Severity severity, Instant opened, List<String> components, long version) {
        return new Incident(
                id,
                P,
                title,
                IncidentState.OPEN,
                severity,
                components,
                List.of("australiaeast"),
                List.of("TRK-" + id),
                true,
                false,
                "Primary region hit; Microsoft is investigating",
                IMPACT,
                opened,
                null,
                null,
                null,
                opened,
                version,
                false,
                List.of(new TimelineEntry(opened, "opened", "Service Health TRK-" + id)));
    }

    static void waitFor(ChromeDriver driver, String what, java.util.function.Supplier<Boolean> condition) {
        Eventually.until(Duration.ofSeconds(20), what, condition);
    }
}
