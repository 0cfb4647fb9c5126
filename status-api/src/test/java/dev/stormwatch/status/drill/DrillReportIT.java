package dev.stormwatch.status.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The downloadable drill report: a self-contained HTML attachment (inline CSS, no script) with exactly the step rows
 * (expected, actual, overrun highlighted), the totals against the RTO and the verdict, the critical path, the timeline
 * from the report, decisions and handovers of the drill incident, and the drill's audit records as evidence.
 */
@QuarkusTest
class DrillReportIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern ROW = Pattern.compile("<tr class=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);
    static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    static Response report(String drillId) {
        return RestAssured.given().header(Keys.HEADER, Keys.VIEWER).get("/api/v1/drills/" + drillId + "/report.html");
    }

    /** The rows of the table with this id whose class starts with {@code rowClass}: class, then the cells' text. */
    static List<List<String>> rows(String html, String tableId, String rowClass) {
        int start = html.indexOf("<table id=\"" + tableId + "\"");
        String table = html.substring(start, html.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            if (!row.group(1).startsWith(rowClass)) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add(row.group(1));
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&amp;", "&").strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find(), id);
        return m.group(1).strip();
    }

    @Test
    void theReportListsEveryStepExpectedAgainstActualWithTotalsVerdictTimelineAndEvidence() {
        String p = "rp-platform";
        String drillId = p + "-d1";
        String incident = "drill-" + drillId;
        Samples.publishCatalog(p);
        Instant t1420 = Instant.parse("2026-11-22T14:20:00Z");
        Instant t1430 = Instant.parse("2026-11-22T14:30:00Z");
        Samples.writeDecision(new Decision(
                "rp-signoff",
                p,
                incident,
                DecisionKind.BUSINESS_SIGNOFF,
                DecisionState.APPROVED,
                "Business sign-off",
                null,
                List.of(),
                Instant.parse("2026-11-22T14:10:00Z"),
                null,
                false,
                null,
                0,
                "cfo",
                t1420,
                "accepted",
                "reports reconciled",
                true,
                3));
        Samples.writeDecision(new Decision(
                "rp-fallback",
                p,
                incident,
                DecisionKind.FALLBACK,
                DecisionState.APPROVED,
                "Fall back to the primary region",
                null,
                List.of(),
                Instant.parse("2026-11-22T14:25:00Z"),
                null,
                false,
                null,
                0,
                "dana",
                t1430,
                "primary back",
                null,
                true,
                2));
        Samples.writeHandover(
                Samples.handover("rp-h1", p, "storage", incident, Instant.parse("2026-11-22T14:15:00Z"), true));
        Samples.writeAudit(
                "rp-a1",
                Samples.CORRELATOR,
                new AuditRecord(
                        p,
                        Instant.parse("2026-11-22T10:00:05Z"),
                        "incident-correlator",
                        "drill-started",
                        incident,
                        "drill incident opened, invoke-dr raised",
                        true));
        Samples.writeAudit(
                "rp-a2",
                "/stormwatch/status-api",
                new AuditRecord(
                        p,
                        t1420,
                        "cfo",
                        "decision-approved",
                        "rp-signoff",
                        "approved business-signoff; reason: accepted; evidence: reports reconciled",
                        true));
        Samples.writeAudit(
                "rp-a3",
                Samples.CORRELATOR,
                new AuditRecord(
                        p, t1420, "someone", "decision-approved", "another-decision", "not about this drill", false));
        DrillFixtures.write(DrillFixtures.report(drillId, p, DrillState.COMPLETED, Duration.ofHours(8), 12));
        Eventually.until(WAIT, "report with its evidence", () -> {
            Response r = report(drillId);
            return r.statusCode() == 200
                    && r.asString().contains("reports reconciled")
                    && r.asString().contains("storage name")
                    && r.asString().contains("Fallback approved")
                    && r.asString().contains("drill-started");
        });

        Response response = report(drillId);
        assertEquals(
                "attachment; filename=\"drill-report-" + drillId + ".html\"", response.header("Content-Disposition"));
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        String html = response.asString();
        assertTrue(html.startsWith("<!DOCTYPE html>"), "a whole document");
        assertTrue(html.contains("<style>"), "inline CSS");
        assertFalse(html.toLowerCase().contains("<script"), "no script");
        assertFalse(html.contains("<link"), "nothing fetched from elsewhere");
        assertFalse(html.contains("<nav>"), "the download has no page links");

        assertEquals("DRILL — REHEARSAL, NOT AN OUTAGE", text(html, "drill-banner-text"));
        assertEquals("Small Test Platform (" + p + ")", text(html, "platform"));
        assertEquals("completed", text(html, "state"));
        assertEquals("dr-lead at 2026-11-22 10:00:00 UTC", text(html, "started-by"));
        assertEquals("annual storage rehearsal", text(html, "note"));
        assertEquals("dana at 2026-11-22 10:10:00 UTC", text(html, "dr-invoked"));

        assertEquals(
                List.of(
                        List.of(
                                "step within",
                                "1",
                                "Key Vault",
                                "Recover Key Vault",
                                "",
                                "30 min",
                                "25 min",
                                "−5 min",
                                "2026-11-22 10:10:00 by mulder",
                                "2026-11-22 10:35:00 by mulder",
                                "vault reachable from the secondary",
                                ""),
                        List.of(
                                "step over",
                                "2",
                                "Storage",
                                "Fail over storage",
                                "",
                                "1 h 30 min",
                                "2 h",
                                "+30 min",
                                "2026-11-22 10:35:00 by scully",
                                "2026-11-22 12:35:00 by scully",
                                "account failover completed, RA-GRS",
                                ""),
                        List.of(
                                "step within",
                                "2",
                                "Data Factory",
                                "Enable the secondary integration runtime",
                                "",
                                "45 min",
                                "45 min",
                                "+0 min",
                                "2026-11-22 10:35:00 by skinner",
                                "2026-11-22 11:20:00 by skinner",
                                "runtime online",
                                ""),
                        List.of(
                                "step over",
                                "3",
                                "Databricks",
                                "Deploy workspace",
                                "ws",
                                "1 h",
                                "1 h 10 min",
                                "+10 min",
                                "2026-11-22 12:35:00 by mulder",
                                "2026-11-22 13:45:00 by mulder",
                                "workspace deployed",
                                ""),
                        List.of(
                                "step within",
                                "3",
                                "Databricks",
                                "Restore jobs",
                                "ws",
                                "30 min",
                                "20 min",
                                "−10 min",
                                "2026-11-22 12:35:00 by mulder",
                                "2026-11-22 12:55:00 by mulder",
                                "jobs restored",
                                ""),
                        List.of(
                                "step over",
                                "4",
                                "Power BI",
                                "Repoint datasets",
                                "",
                                "20 min",
                                "25 min",
                                "+5 min",
                                "2026-11-22 13:45:00 by scully",
                                "2026-11-22 14:10:00 by scully",
                                "datasets refreshed",
                                "")),
                rows(html, "steps", "step"));
        assertTrue(html.contains("tr.over td.overrun { background: #fde2e1;"), "an overrun is highlighted");

        assertEquals(List.of(List.of("total", "3 h 20 min", "4 h", "", "4 h", "8 h")), rows(html, "totals", "total"));
        assertEquals(
                "Meets the RTO: the measured plan takes 4 h of the RTO of 8 h, 4 h to spare", text(html, "verdict"));
        assertTrue(html.contains("<div id=\"verdict\" class=\"verdict meets\">"));
        assertEquals(
                List.of(
                        List.of("path", "Key Vault → Storage → Databricks → Power BI"),
                        List.of("path", "Key Vault → Storage → Databricks → Power BI")),
                rows(html, "critical-path", "path"));

        assertEquals(
                List.of(
                        List.of("moment", "2026-11-22 10:00:00", "Drill started: annual storage rehearsal", "dr-lead"),
                        List.of(
                                "moment",
                                "2026-11-22 10:10:00",
                                "DR invoked (invoke-dr of the drill approved)",
                                "dana"),
                        List.of(
                                "moment",
                                "2026-11-22 10:10:00",
                                "Step 1 started: Key Vault — Recover Key Vault",
                                "mulder"),
                        List.of(
                                "moment",
                                "2026-11-22 10:35:00",
                                "Step 1 completed: Key Vault — Recover Key Vault",
                                "mulder"),
                        List.of(
                                "moment",
                                "2026-11-22 10:35:00",
                                "Step 2 started: Storage — Fail over storage",
                                "scully"),
                        List.of(
                                "moment",
                                "2026-11-22 10:35:00",
                                "Step 2 started: Data Factory — Enable the secondary integration runtime",
                                "skinner"),
                        List.of(
                                "moment",
                                "2026-11-22 11:20:00",
                                "Step 2 completed: Data Factory — Enable the secondary integration runtime",
                                "skinner"),
                        List.of(
                                "moment",
                                "2026-11-22 12:35:00",
                                "Step 2 completed: Storage — Fail over storage",
                                "scully"),
                        List.of(
                                "moment",
                                "2026-11-22 12:35:00",
                                "Step 3 started: Databricks — Deploy workspace",
                                "mulder"),
                        List.of("moment", "2026-11-22 12:35:00", "Step 3 started: Databricks — Restore jobs", "mulder"),
                        List.of(
                                "moment",
                                "2026-11-22 12:55:00",
                                "Step 3 completed: Databricks — Restore jobs",
                                "mulder"),
                        List.of(
                                "moment",
                                "2026-11-22 13:45:00",
                                "Step 3 completed: Databricks — Deploy workspace",
                                "mulder"),
                        List.of(
                                "moment",
                                "2026-11-22 13:45:00",
                                "Step 4 started: Power BI — Repoint datasets",
                                "scully"),
                        List.of(
                                "moment",
                                "2026-11-22 14:10:00",
                                "Step 4 completed: Power BI — Repoint datasets",
                                "scully"),
                        List.of("moment", "2026-11-22 14:10:00", "Recovered: every recovery step completed", ""),
                        List.of(
                                "moment",
                                "2026-11-22 14:15:00",
                                "Handed over storage name in australiasoutheast (failed-over)",
                                ""),
                        List.of("moment", "2026-11-22 14:20:00", "Business sign-off approved: accepted", "cfo"),
                        List.of("moment", "2026-11-22 14:30:00", "Fallback approved: primary back", "dana"),
                        List.of("moment", "2026-11-22 14:40:00", "Drill completed", "")),
                rows(html, "timeline", "moment"));

        assertEquals(
                List.of(
                        List.of(
                                "audit",
                                "2026-11-22 10:00:05",
                                "incident-correlator",
                                "drill-started",
                                incident,
                                "drill incident opened, invoke-dr raised",
                                "incident-correlator"),
                        List.of(
                                "audit",
                                "2026-11-22 14:20:00",
                                "cfo",
                                "decision-approved",
                                "rp-signoff",
                                "approved business-signoff; reason: accepted; evidence: reports reconciled",
                                "status-api")),
                rows(html, "evidence", "audit"));
        assertEquals(
                "Business sign-off in Stormwatch: approved by cfo at 2026-11-22 14:20:00; evidence: reports reconciled",
                text(html, "signoff-recorded"));
        assertEquals(
                List.of(
                        List.of("sign", "", "Business owner", "", "", ""),
                        List.of("sign", "", "DR lead", "", "", ""),
                        List.of("sign", "", "Platform owner", "", "", "")),
                rows(html, "signoff", "sign"));
    }

    @Test
    void aMeasuredPlanOverTheRtoIsAMissWithTheOptions() {
        String p = "rp-miss";
        Samples.publishCatalog(p);
        DrillFixtures.write(DrillFixtures.report(p + "-d1", p, DrillState.COMPLETED, Duration.ofHours(3), 5));
        Eventually.until(WAIT, "report", () -> report(p + "-d1").statusCode() == 200);
        String html = report(p + "-d1").asString();
        assertEquals(
                "Misses the RTO: the measured plan takes 4 h against the RTO of 3 h, 1 h over; automate or "
                        + "parallelise steps, uplift tiers, or extend the RTO",
                text(html, "verdict"));
        assertTrue(html.contains("<div id=\"verdict\" class=\"verdict misses\">"));
        assertEquals(List.of(List.of("total", "3 h 20 min", "4 h", "", "4 h", "3 h")), rows(html, "totals", "total"));
        // The dashboard page is the same document with its links; a key in the query counts for nothing.
        String page = RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/drills/" + p + "-d1")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(page.contains("<nav><a href=\"/\">Dashboard</a><a id=\"download\" href=\"/api/v1/drills/" + p
                + "-d1/report.html\">Download this report</a></nav>"));
        assertEquals(text(html, "verdict"), text(page, "verdict"));
        RestAssured.given().get("/drills/" + p + "-d1").then().statusCode(401);
        RestAssured.given()
                .get("/api/v1/drills/" + p + "-d1?key=" + Keys.VIEWER)
                .then()
                .statusCode(401);
        RestAssured.given()
                .get("/drills/" + p + "-d1?key=" + Keys.VIEWER)
                .then()
                .statusCode(401);
        RestAssured.given()
                .get("/api/v1/drills/" + p + "-d1/report.html?key=" + Keys.VIEWER)
                .then()
                .statusCode(401);
        RestAssured.given()
                .header(Keys.HEADER, Keys.VIEWER)
                .get("/drills/nope")
                .then()
                .statusCode(404);
        MutableClock.INSTANCE.set(MutableClock.START);
    }
}
