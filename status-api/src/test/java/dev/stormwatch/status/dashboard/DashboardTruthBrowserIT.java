package dev.stormwatch.status.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The wall screen tells the truth when two platforms share it (real headless Chromium, as in
 * {@link DashboardBrowserIT}): a quiet platform with an open SEV1 incident shows its own timeline although a busy
 * platform has forty newer items; the busy platform's incident and items are not mixed into the quiet one's panel; an
 * incident the provider has mitigated stays listed, marked as still recovering; and the timeline says which times are
 * the provider's and which are ours.
 */
@QuarkusTest
class DashboardTruthBrowserIT {

    static final String QUIET = "truth-quiet";
    static final String BUSY = "truth-busy";
    static final Instant QUIET_AT = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant BUSY_AT = Instant.parse("2026-11-22T09:00:00Z");

    @TestHTTPResource("/")
    URL root;

    @Test
    void eachPlatformShowsItsOwnTimelineAndUnresolvedIncidentsWithTheProvidersTimesLabelled() throws Exception {
        boolean browser =
                Files.isExecutable(DashboardBrowserIT.CHROMIUM) && Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER);
        if (!browser) {
            System.out.println("DashboardTruthBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(browser, "/usr/bin/chromium or /usr/bin/chromedriver is missing: browser test skipped");

        MutableClock.INSTANCE.set(Instant.parse("2026-11-22T10:00:00Z"));
        Samples.publishCatalog(QUIET);
        Samples.publishCatalog(BUSY);
        // The quiet platform: an open SEV1 since 08:00 — Azure stamped its update 07:58, Stormwatch raised the severity
        // at 08:01 — and an older incident the provider has mitigated while the platform is still recovering.
        Samples.writeIncident(incident(
                "tq-sev1",
                QUIET,
                "Storage - West Europe - outage",
                IncidentState.OPEN,
                Severity.SEV1,
                QUIET_AT,
                List.of(
                        new TimelineEntry(
                                QUIET_AT.minusSeconds(120),
                                "Opened: Storage - West Europe - Investigating",
                                "2LGD-9VG",
                                TimelineEntry.PROVIDER),
                        new TimelineEntry(QUIET_AT.plusSeconds(60), "Severity sev2 → sev1", "2LGD-9VG"))));
        Samples.writeIncident(incident(
                "tq-mitigated",
                QUIET,
                "Service Bus - West Europe - degraded",
                IncidentState.MITIGATED,
                Severity.SEV2,
                QUIET_AT.minusSeconds(3600),
                List.of(new TimelineEntry(QUIET_AT.minusSeconds(1800), "State open → mitigated", "TRK-SB"))));
        // The busy platform: forty newer items, more than the 25 newest across platforms.
        List<TimelineEntry> busy = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            busy.add(new TimelineEntry(
                    BUSY_AT.plusSeconds(60L * i), "Provider update " + i, "TRK-BUSY", TimelineEntry.PROVIDER));
        }
        Samples.writeIncident(incident(
                "tb-busy",
                BUSY,
                "Virtual Machines - East US - busy",
                IncidentState.OPEN,
                Severity.SEV2,
                BUSY_AT,
                busy));

        Eventually.until(Duration.ofSeconds(20), "both panels in the dashboard", () -> {
            JsonPath d = RestAssured.given()
                    .header(Keys.HEADER, Keys.VIEWER)
                    .get("/api/v1/dashboard")
                    .jsonPath();
            return d.getList("platforms.find { it.platform.id == '" + QUIET + "' }.openIncidents")
                                    .size()
                            == 2
                    && d.getList("platforms.find { it.platform.id == '" + BUSY + "' }.timeline")
                                    .size()
                            == 25;
        });
        JsonPath dashboard = RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/api/v1/dashboard")
                .jsonPath();
        String quietPanel = "platforms.find { it.platform.id == '" + QUIET + "' }";
        assertEquals(
                List.of(
                        "Storage - West Europe - outage: Severity sev2 → sev1 (2LGD-9VG)",
                        "Storage - West Europe - outage: Opened: Storage - West Europe - Investigating (2LGD-9VG)",
                        "Service Bus - West Europe - degraded: State open → mitigated (TRK-SB)"),
                dashboard.getList(quietPanel + ".timeline.text"),
                "the quiet platform's own items, newest first");
        assertEquals(
                List.of("stormwatch", "provider", "stormwatch"), dashboard.getList(quietPanel + ".timeline.clock"));
        assertEquals(List.of("open", "mitigated"), dashboard.getList(quietPanel + ".openIncidents.state"));

        ChromeDriver driver = chrome();
        try {
            driver.manage().window().setSize(new Dimension(1920, 1080));
            DashboardBrowserIT.signInWithKey(driver, root, Keys.VIEWER, "");
            waitFor(
                    "both platform panels",
                    () -> !driver.findElements(
                                            By.cssSelector("[data-platform='" + QUIET + "'] [data-incident='tq-sev1']"))
                                    .isEmpty()
                            && !driver.findElements(
                                            By.cssSelector("[data-platform='" + BUSY + "'] [data-incident='tb-busy']"))
                                    .isEmpty());

            WebElement quiet = driver.findElement(By.cssSelector("[data-platform='" + QUIET + "']"));
            String quietTimeline =
                    quiet.findElement(By.cssSelector(".timeline")).getText();
            assertFalse(quietTimeline.contains("Nothing has happened yet"), quietTimeline);
            assertTrue(quietTimeline.contains("Severity sev2 → sev1"), quietTimeline);
            assertTrue(quietTimeline.contains("Opened: Storage - West Europe - Investigating"), quietTimeline);
            assertFalse(
                    quietTimeline.contains("Provider update"),
                    "the busy platform's items are not in the quiet panel: " + quietTimeline);
            assertTrue(
                    quiet.findElements(By.cssSelector("[data-incident='tb-busy']"))
                            .isEmpty(),
                    "the busy platform's incident is not listed");

            // Open incidents: the SEV1 and the mitigated one, marked as still recovering.
            assertTrue(
                    quiet.findElement(By.cssSelector(".incidents h2")).getText().contains("(2)"),
                    quiet.findElement(By.cssSelector(".incidents h2")).getText());
            String mitigated = quiet.findElement(By.cssSelector("[data-incident='tq-mitigated']"))
                    .getText();
            assertTrue(mitigated.contains("Mitigated by the provider · platform still recovering"), mitigated);
            assertTrue(quiet.findElement(By.cssSelector("[data-incident='tq-sev1']"))
                    .getText()
                    .contains("SEV1"));

            // Whose time: the provider-stamped item says so, ours does not, and the legend explains the mark.
            List<WebElement> items = quiet.findElements(By.cssSelector(".timeline li"));
            assertEquals(3, items.size());
            WebElement provider = items.stream()
                    .filter(li -> li.getText().contains("Opened:"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("provider", provider.getAttribute("data-clock"));
            assertEquals(
                    "AZURE",
                    provider.findElement(By.cssSelector(".clock.provider")).getText());
            assertEquals(
                    "Time stamped by the provider (Azure) on its update",
                    provider.findElement(By.tagName("time")).getAttribute("title"));
            WebElement ours = items.stream()
                    .filter(li -> li.getText().contains("Severity"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("stormwatch", ours.getAttribute("data-clock"));
            assertTrue(ours.findElements(By.cssSelector(".clock.provider")).isEmpty());
            assertTrue(quiet.findElement(By.cssSelector(".timeline-box .legend"))
                    .getText()
                    .contains("AZURE marks the time the provider stamped on its update"));

            // The busy platform shows its own newest items and nothing of the quiet one.
            WebElement busyPanel = driver.findElement(By.cssSelector("[data-platform='" + BUSY + "']"));
            String busyTimeline =
                    busyPanel.findElement(By.cssSelector(".timeline")).getText();
            assertTrue(busyTimeline.contains("Provider update 39"), busyTimeline);
            assertFalse(busyTimeline.contains("Severity sev2 → sev1"), busyTimeline);
            assertTrue(busyPanel
                    .findElements(By.cssSelector("[data-incident='tq-sev1']"))
                    .isEmpty());
        } finally {
            driver.quit();
        }
    }

    private static Incident incident(
            String id,
            String platform,
            String title,
            IncidentState state,
            Severity severity,
            Instant opened,
            List<TimelineEntry> timeline) {
        Instant updated =
                timeline.stream().map(TimelineEntry::at).max(Instant::compareTo).orElse(opened);
        return new Incident(
                id,
                platform,
                title,
                state,
                severity,
                List.of("storage"),
                List.of("westeurope"),
                List.of("TRK-" + id),
                true,
                false,
                "Primary region hit",
                opened,
                opened,
                state == IncidentState.MITIGATED ? opened.plusSeconds(1800) : null,
                null,
                null,
                updated,
                1,
                false,
                timeline);
    }

    private static ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(DashboardBrowserIT.CHROMIUM.toFile());
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
                .usingDriverExecutable(DashboardBrowserIT.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void waitFor(String what, java.util.function.Supplier<Boolean> condition) {
        Eventually.until(Duration.ofSeconds(20), what, condition);
    }
}
