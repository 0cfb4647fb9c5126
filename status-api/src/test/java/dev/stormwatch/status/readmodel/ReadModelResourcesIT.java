package dev.stormwatch.status.readmodel;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicWriter;
import dev.stormwatch.status.audit.AuditResource;
import dev.stormwatch.status.incident.IncidentResource;
import dev.stormwatch.testsupport.Eventually;
import dev.stormwatch.testsupport.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read models over REST, fed through the real broker with the records the correlator and the notifier write:
 * platforms, component status by layer and region, incidents with filters and timelines, decisions with time left,
 * pages with acknowledgements, the audit trail of one incident, handovers, feasibility, the timeline, the dashboard.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelResourcesIT {

    static final String P = "rm-platform";
    static final Instant T9 = Instant.parse("2026-11-22T09:00:00Z");

    private boolean written;

    /** Once per class, but in @BeforeEach: RestAssured knows the application's random port only there. */
    @BeforeEach
    void writeTheRecordsOtherServicesWrite() {
        MutableClock.INSTANCE.set(MutableClock.START);
        if (written) {
            return;
        }
        written = true;
        Samples.publishCatalog(P);
        // Incident A: open sev1 at 09:00, written as v1 then v2 (impacting two components), then a stale v1 again.
        Incident a1 = Samples.incident("rm-A", P, IncidentState.OPEN, Severity.SEV1, T9, 1, List.of("storage"), false);
        Incident a2 = Samples.incident(
                "rm-A", P, IncidentState.OPEN, Severity.SEV1, T9, 2, List.of("storage", "databricks"), false);
        Samples.writeIncident(a1);
        Samples.writeIncident(a2);
        Samples.writeIncident(a1);
        Samples.writeIncident(Samples.incident(
                "rm-B",
                P,
                IncidentState.MITIGATED,
                Severity.SEV2,
                T9.minusSeconds(3600),
                1,
                List.of("key-vault"),
                false));
        Samples.writeIncident(Samples.incident(
                "rm-C",
                P,
                IncidentState.RESOLVED,
                Severity.SEV3,
                T9.minusSeconds(7200),
                3,
                List.of("power-bi"),
                false));
        Samples.writeIncident(Samples.incident(
                "rm-D", P, IncidentState.OPEN, Severity.SEV2, T9.plusSeconds(1800), 1, List.of("data-factory"), true));
        Samples.writeIncident(Samples.incident(
                "rm-other", "rm-other-platform", IncidentState.OPEN, Severity.SEV1, T9, 1, List.of("x"), false));

        Samples.writeStatus(
                P,
                "storage",
                "store",
                ComponentState.OUTAGE,
                Map.of("australiaeast", ComponentState.OUTAGE, "australiasoutheast", ComponentState.OPERATIONAL),
                "rm-A",
                T9);
        Samples.writeStatus(
                P,
                "databricks",
                "model",
                ComponentState.IMPACTED_UPSTREAM,
                Map.of("australiaeast", ComponentState.IMPACTED_UPSTREAM),
                "rm-A",
                T9);

        Samples.writeDecision(Samples.decision(
                "rm-X", P, "rm-A", DecisionState.OPEN, T9, Instant.parse("2026-11-22T14:40:00Z"), false, 1));
        var approved = Samples.decision(
                "rm-Y", P, "rm-B", DecisionState.APPROVED, T9.minusSeconds(3000), T9.minusSeconds(60), false, 2);
        Samples.writeDecision(new dev.stormwatch.contracts.decision.Decision(
                approved.id(),
                approved.platformId(),
                approved.incidentId(),
                approved.kind(),
                approved.state(),
                approved.title(),
                approved.recommendation(),
                approved.options(),
                approved.raisedAt(),
                approved.deadline(),
                false,
                null,
                0,
                "priya",
                T9.minusSeconds(600),
                "Microsoft gave no ETA",
                "ticket 123",
                false,
                2));

        Samples.writeNotification(Samples.notification(
                "rm-page-1", P, "rm-A", "raj", "email", 1, DeliveryResult.FAILED, "SMTP 451", T9.plusSeconds(10)));
        Samples.writeNotification(Samples.notification(
                "rm-page-1", P, "rm-A", "raj", "teams", 1, DeliveryResult.DELIVERED, null, T9.plusSeconds(12)));
        Samples.writeNotification(Samples.notification(
                "rm-page-2", P, "rm-X", "priya", "webhook", 1, DeliveryResult.DELIVERED, null, T9.plusSeconds(20)));
        Samples.writeAck("rm-page-1", "rm-A", "raj", "raj", "link", T9.plusSeconds(300));
        // The same ack again (a retried write): de-duplicated on its CloudEvent id.
        Samples.writeAck("rm-page-1", "rm-A", "raj", "raj", "link", T9.plusSeconds(300));

        Samples.writeAudit(
                "rm-audit-1",
                Samples.CORRELATOR,
                new AuditRecord(P, T9, "incident-correlator", "incident-opened", "rm-A", "TRK-rm-A", false));
        Samples.writeAudit(
                "rm-audit-2",
                Samples.NOTIFIER,
                new AuditRecord(
                        P, T9.plusSeconds(12), "notifier", "page-delivered", "rm-page-1", "raj via teams", false));
        Samples.writeAudit(
                "rm-audit-3",
                Samples.CORRELATOR,
                new AuditRecord(
                        P, T9.plusSeconds(13), "incident-correlator", "decision-raised", "rm-X", "invoke-dr", false));
        Samples.writeAudit(
                "rm-audit-4",
                Samples.CORRELATOR,
                new AuditRecord(
                        P, T9.plusSeconds(14), "incident-correlator", "incident-opened", "rm-B", "TRK-rm-B", false));
        Samples.writeAudit(
                "rm-audit-1",
                Samples.CORRELATOR,
                new AuditRecord(P, T9, "incident-correlator", "incident-opened", "rm-A", "TRK-rm-A", false));

        Samples.writeHandover(Samples.handover("rm-h-1", P, "storage", "rm-A", T9.plusSeconds(3600), false));

        Eventually.until(
                Duration.ofSeconds(20),
                "the read model has every record",
                () -> viewer().get("/api/v1/incidents/rm-A/audit")
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && viewer().get("/api/v1/incidents/rm-A/audit")
                                        .jsonPath()
                                        .getList("id")
                                        .size()
                                == 3
                        && viewer().get("/api/v1/handovers?platform=" + P)
                                        .jsonPath()
                                        .getList("id")
                                        .size()
                                == 1
                        && viewer().get("/api/v1/pages/rm-page-1").jsonPath().getString("acknowledged.by") != null
                        && viewer().get("/api/v1/decisions?platform=" + P)
                                        .jsonPath()
                                        .getList("decisions")
                                        .size()
                                == 2
                        && viewer().get("/api/v1/platforms/" + P + "/status")
                                .jsonPath()
                                .getString("layers[2].components[0].state")
                                .equals("outage"));
    }

    static RequestSpecification viewer() {
        return RestAssured.given().header(Keys.HEADER, Keys.VIEWER);
    }

    @Test
    void platformsListTheWorstStatusAndWhatIsOpen() {
        viewer().get("/api/v1/platforms/" + P)
                .then()
                .statusCode(200)
                .body("id", equalTo(P))
                .body("name", equalTo("Small Test Platform"))
                .body("primaryRegion", equalTo("australiaeast"))
                .body("secondaryRegion", equalTo("australiasoutheast"))
                .body("strategy", equalTo("warm-spare"))
                .body("rto", equalTo("8h"))
                .body("drLead", equalTo("Dana Scully"))
                .body("components", equalTo(5))
                .body("worstState", equalTo("outage"))
                .body("states", equalTo(Map.of("operational", 3, "outage", 1, "impacted-upstream", 1)))
                .body("openIncidents", equalTo(2))
                .body("openDecisions", equalTo(1));
        viewer().get("/api/v1/platforms")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + P + "' }.worstState", equalTo("outage"));
        viewer().get("/api/v1/platforms/nope")
                .then()
                .statusCode(404)
                .body("status", equalTo(404))
                .body("error", equalTo("no platform 'nope': publish its catalog first"));
    }

    @Test
    void componentStatusIsAGridByLayerAndRegion() {
        viewer().get("/api/v1/platforms/" + P + "/status")
                .then()
                .statusCode(200)
                .body("regions", contains("australiaeast", "australiasoutheast"))
                .body("layers.layer", contains("foundation", "ingest", "store", "model", "serve"))
                .body("layers[0].components.id", contains("key-vault"))
                .body("layers[0].components[0].state", equalTo("operational"))
                .body("layers[2].components[0].id", equalTo("storage"))
                .body("layers[2].components[0].state", equalTo("outage"))
                .body(
                        "layers[2].components[0].regions",
                        equalTo(Map.of("australiaeast", "outage", "australiasoutheast", "operational")))
                .body("layers[2].components[0].incidentId", equalTo("rm-A"))
                .body("layers[2].components[0].since", equalTo("2026-11-22T09:00:00Z"))
                .body(
                        "layers[3].components[0].regions",
                        equalTo(Map.of("australiaeast", "impacted-upstream", "australiasoutheast", "operational")))
                .body("layers[4].components[0].dependsOn", contains("databricks", "data-factory"));
        viewer().get("/api/v1/platforms/" + P + "/status?layer=store&region=Australia East")
                .then()
                .statusCode(200)
                .body("regions", contains("australiaeast"))
                .body("layers.layer", contains("store"))
                .body("layers[0].components[0].regions", equalTo(Map.of("australiaeast", "outage")));
        viewer().get("/api/v1/platforms/" + P + "/status?layer=roof&region=westeurope")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad query parameters"))
                .body("problems.path", contains("layer", "region"))
                .body(
                        "problems.message",
                        contains(
                                "'roof' is not one of foundation, ingest, store, model, serve",
                                "'westeurope' is not a region of rm-platform: australiaeast, australiasoutheast"));
    }

    @Test
    void incidentsAreFilteredByStateSeverityPlatformTimeAndDrill() {
        viewer().get("/api/v1/incidents?platform=" + P)
                .then()
                .statusCode(200)
                .body("now", equalTo("2026-11-22T10:00:00Z"))
                .body("count", equalTo(4))
                .body("incidents.id", contains("rm-D", "rm-A", "rm-B", "rm-C"))
                // Summaries: what a page is scanned for; the timeline and the assessment stay with the incident.
                .body(
                        "incidents[1].keySet()",
                        contains(
                                "id",
                                "platformId",
                                "title",
                                "state",
                                "severity",
                                "components",
                                "regions",
                                "trackingIds",
                                "moreTrackingIds",
                                "primaryRegionHit",
                                "readinessRisk",
                                "impactStart",
                                "openedAt",
                                "updatedAt",
                                "version",
                                "drill",
                                "plannedMaintenance",
                                "timelineEntries"))
                .body("incidents[1].timelineEntries", equalTo(1))
                .body("incidents[1].trackingIds", contains("TRK-rm-A"))
                .body("incidents[1].moreTrackingIds", equalTo(0))
                .body("incidents[1].components", contains("storage", "databricks"));
        viewer().get("/api/v1/incidents?platform=" + P + "&state=open")
                .then()
                .body("count", equalTo(2))
                .body("incidents.id", contains("rm-D", "rm-A"));
        viewer().get("/api/v1/incidents?platform=" + P + "&state=open,mitigated&severity=sev2")
                .then()
                .body("count", equalTo(2))
                .body("incidents.id", contains("rm-D", "rm-B"));
        viewer().get("/api/v1/incidents?platform=" + P + "&since=2026-11-22T08:30:00Z")
                .then()
                .body("incidents.id", contains("rm-D", "rm-A"));
        viewer().get("/api/v1/incidents?platform=" + P + "&until=2026-11-22T09:00:00Z")
                .then()
                .body("incidents.id", contains("rm-B", "rm-C"));
        viewer().get("/api/v1/incidents?platform=" + P + "&since=2026-11-22T08:00:00Z&until=2026-11-22T09:00:01Z")
                .then()
                .body("count", equalTo(2))
                .body("incidents.id", contains("rm-A", "rm-B"));
        viewer().get("/api/v1/incidents?platform=" + P + "&drill=false")
                .then()
                .body("incidents.id", contains("rm-A", "rm-B", "rm-C"));
        viewer().get("/api/v1/incidents?platform=" + P + "&platform=rm-other-platform&severity=sev1")
                .then()
                .body("incidents.id", containsInAnyOrder("rm-A", "rm-other"));
        // The stale v1 written after v2 does not win.
        viewer().get("/api/v1/incidents/rm-A")
                .then()
                .statusCode(200)
                .body("incident.version", equalTo(2))
                .body("incident.components", contains("storage", "databricks"))
                .body("incident.assessment", equalTo("Primary region storage unavailable"))
                .body("incident.trackingIds", contains("TRK-rm-A"))
                .body("ageSeconds", equalTo(3600))
                .body("decisions.decision.id", contains("rm-X"))
                .body("decisions[0].timeLeftSeconds", equalTo(16800))
                .body("pages.pageId", contains("rm-page-1", "rm-page-2"))
                .body("handovers.id", contains("rm-h-1"));
        viewer().get("/api/v1/incidents/rm-A/timeline")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].at", equalTo("2026-11-22T09:00:00Z"))
                .body("[0].what", equalTo("opened"))
                .body("[0].cause", equalTo("TRK-rm-A"));
    }

    @Test
    void badIncidentFiltersAreAllNamedInOne400() {
        viewer().get("/api/v1/incidents?state=bogus&severity=sev9&since=yesterday")
                .then()
                .statusCode(400)
                .body("status", equalTo(400))
                .body("error", equalTo("bad query parameters"))
                .body("problems.path", contains("state", "severity", "since"))
                .body(
                        "problems.message",
                        contains(
                                "'bogus' is not one of open, mitigated, resolved, closed",
                                "'sev9' is not one of sev1, sev2, sev3, sev4",
                                "'yesterday' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z"));
        viewer().get("/api/v1/incidents?since=2026-11-22T10:00:00Z&until=2026-11-22T09:00:00Z")
                .then()
                .statusCode(400)
                .body("problems[0].path", equalTo("until"))
                .body("problems[0].message", equalTo("must be after since"));
        viewer().get("/api/v1/incidents/nope").then().statusCode(404).body("error", equalTo("no incident 'nope'"));
        viewer().get("/api/v1/incidents/nope/timeline").then().statusCode(404);
        viewer().get("/api/v1/incidents/nope/audit").then().statusCode(404);
        viewer().get("/api/v1/incidents/nope/pages").then().statusCode(404);
    }

    @Test
    void decisionsOpenAndPastWithDeadlinesAndTimeLeft() {
        viewer().get("/api/v1/decisions?platform=" + P)
                .then()
                .statusCode(200)
                .body("now", equalTo("2026-11-22T10:00:00Z"))
                .body("decisions.decision.id", contains("rm-X", "rm-Y"))
                .body("decisions[0].decision.state", equalTo("open"))
                .body("decisions[0].decision.deadline", equalTo("2026-11-22T14:40:00Z"))
                .body("decisions[0].timeLeftSeconds", equalTo(16800))
                .body("decisions[0].overdue", equalTo(false))
                .body(
                        "decisions[0].decision.recommendation",
                        equalTo("Warm spare: start the recovery runbook in the secondary region; components are "
                                + "already procured."))
                .body("decisions[1].decision.state", equalTo("approved"))
                .body("decisions[1].decision.decidedBy", equalTo("priya"))
                .body("decisions[1].timeLeftSeconds", nullValue());
        viewer().get("/api/v1/decisions?platform=" + P + "&state=open")
                .then()
                .body("decisions.decision.id", contains("rm-X"));
        viewer().get("/api/v1/decisions?platform=" + P + "&state=past")
                .then()
                .body("decisions.decision.id", contains("rm-Y"));
        viewer().get("/api/v1/decisions?incident=rm-B").then().body("decisions.decision.id", contains("rm-Y"));
        viewer().get("/api/v1/decisions/rm-X")
                .then()
                .statusCode(200)
                .body("decision.title", equalTo("Invoke DR: fail over to Australia Southeast?"));
        viewer().get("/api/v1/decisions?state=maybe")
                .then()
                .statusCode(400)
                .body(
                        "problems[0].message",
                        equalTo("'maybe' is not one of open, approved, declined, expired, cancelled"));
        viewer().get("/api/v1/decisions/nope").then().statusCode(404).body("error", equalTo("no decision 'nope'"));
    }

    @Test
    void pagesShowWhoWasPagedWhenOnWhichChannelAndWhoAcknowledged() {
        viewer().get("/api/v1/pages/rm-page-1")
                .then()
                .statusCode(200)
                .body("platformId", equalTo(P))
                .body("subjectId", equalTo("rm-A"))
                .body("level", equalTo(1))
                .body("firstAttemptAt", equalTo("2026-11-22T09:00:10Z"))
                .body("attempts.channel", contains("email", "teams"))
                .body("attempts.result", contains("failed", "delivered"))
                .body("attempts[0].error", equalTo("SMTP 451"))
                .body("delivered", contains("raj"))
                .body("acknowledged.by", equalTo("raj"))
                .body("acknowledged.via", equalTo("link"))
                .body("acknowledged.at", equalTo("2026-11-22T09:05:00Z"));
        viewer().get("/api/v1/pages?platform=" + P).then().body("pageId", contains("rm-page-2", "rm-page-1"));
        viewer().get("/api/v1/pages?platform=" + P + "&acknowledged=false")
                .then()
                .body("pageId", contains("rm-page-2"));
        viewer().get("/api/v1/pages?subject=rm-A").then().body("pageId", contains("rm-page-1"));
        viewer().get("/api/v1/incidents/rm-A/pages").then().body("pageId", contains("rm-page-1", "rm-page-2"));
        viewer().get("/api/v1/pages/nope").then().statusCode(404).body("error", equalTo("no page 'nope'"));
        viewer().get("/api/v1/pages?since=soon").then().statusCode(400).body("problems[0].path", equalTo("since"));
    }

    @Test
    void theAuditTrailOfOneIncidentCoversItsDecisionsAndPages() {
        viewer().get("/api/v1/incidents/rm-A/audit")
                .then()
                .statusCode(200)
                .body("id", contains("rm-audit-1", "rm-audit-2", "rm-audit-3"))
                .body("action", contains("incident-opened", "page-delivered", "decision-raised"))
                .body(
                        "source",
                        contains(
                                "/stormwatch/incident-correlator",
                                "/stormwatch/notifier",
                                "/stormwatch/incident-correlator"));
        viewer().get("/api/v1/audit?platform=" + P + "&subject=rm-B")
                .then()
                .statusCode(200)
                .body("id", contains("rm-audit-4"));
        viewer().get("/api/v1/audit?platform=" + P + "&limit=2")
                .then()
                .body("id", contains("rm-audit-3", "rm-audit-4"));
        viewer().get("/api/v1/audit?limit=0")
                .then()
                .statusCode(400)
                .body("problems[0].path", equalTo("limit"))
                .body("problems[0].message", equalTo("must be between 1 and 1000, was 0"));
    }

    @Test
    void incidentsAreServedAPageAtATimeWithTheCountOfAllThatMatch() {
        String next = viewer().get("/api/v1/incidents?platform=" + P + "&limit=3")
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("incidents.id", contains("rm-D", "rm-A", "rm-B"))
                .header("Link", containsString("after="))
                .extract()
                .header(IncidentResource.NEXT_CURSOR);
        viewer().get("/api/v1/incidents?platform=" + P + "&limit=3&after=" + next)
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("incidents.id", contains("rm-C"))
                .header(IncidentResource.NEXT_CURSOR, nullValue());
        viewer().get("/api/v1/incidents?limit=1001&after=not-a-cursor")
                .then()
                .statusCode(400)
                .body("problems.path", contains("limit", "after"))
                .body("problems[0].message", equalTo("must be between 1 and 1000, was 1001"))
                .body(
                        "problems[1].message",
                        equalTo("'not-a-cursor' is not a cursor this API gave out; use the X-Next-Cursor header"
                                + " of a page"));
    }

    @Test
    void theAuditTrailIsServedAPageAtATimeNewestPageFirst() {
        String next = viewer().get("/api/v1/audit?platform=" + P + "&limit=3")
                .then()
                .statusCode(200)
                .body("id", contains("rm-audit-2", "rm-audit-3", "rm-audit-4"))
                .header("Link", containsString("before="))
                .extract()
                .header(AuditResource.NEXT_CURSOR);
        viewer().get("/api/v1/audit?platform=" + P + "&limit=3&before=" + next)
                .then()
                .statusCode(200)
                .body("id", contains("rm-audit-1"))
                .header(AuditResource.NEXT_CURSOR, nullValue());
        viewer().get("/api/v1/audit?limit=1001&before=not-a-cursor")
                .then()
                .statusCode(400)
                .body("problems.path", contains("limit", "before"))
                .body("problems[0].message", equalTo("must be between 1 and 1000, was 1001"))
                .body(
                        "problems[1].message",
                        equalTo("'not-a-cursor' is not a cursor this API gave out; use the X-Next-Cursor header of a "
                                + "page"));
    }

    @Test
    void handoversAndTheRecentTimeline() {
        viewer().get("/api/v1/handovers?platform=" + P)
                .then()
                .statusCode(200)
                .body("id", contains("rm-h-1"))
                .body("[0].componentId", equalTo("storage"))
                .body("[0].region", equalTo("australiasoutheast"))
                .body("[0].dataTimestamp", equalTo("2026-11-22T09:00:00Z"))
                .body("[0].reason", equalTo("failed-over"));
        viewer().get("/api/v1/handovers?platform=" + P + "&component=power-bi")
                .then()
                .body("", empty());
        viewer().get("/api/v1/timeline?platform=" + P + "&limit=4")
                .then()
                .statusCode(200)
                .body("kind", contains("handover", "incident", "ack", "page"))
                .body(
                        "text[0]",
                        equalTo("Handed over storage name in australiasoutheast, data current to 2026-11-22T09:00:00Z"))
                .body("text[1]", equalTo("Storage outage in Australia East: opened (TRK-rm-D)"))
                .body("text[2]", equalTo("Acknowledged by raj via link"))
                .body("text[3]", equalTo("Paged priya via webhook (level 1)"));
        viewer().get("/api/v1/timeline?limit=5000").then().statusCode(400);
    }

    @Test
    void feasibilityComesFromTheCatalogUntilTheCorrelatorReports() {
        String q = "rm-feasibility";
        Samples.publishCatalog(q);
        Eventually.until(
                Duration.ofSeconds(10),
                "catalog",
                () -> viewer().get("/api/v1/feasibility/" + q).statusCode() == 200);
        viewer().get("/api/v1/feasibility/" + q)
                .then()
                .body("source", equalTo("catalog"))
                .body("feasible", equalTo(true))
                .body("planMinutes", equalTo(200))
                .body("slackMinutes", equalTo(280))
                .body("criticalPath.componentId", contains("key-vault", "storage", "databricks", "power-bi"));

        FeasibilityReport report = new FeasibilityReport(
                q,
                "Small Test Platform",
                MutableClock.START,
                "fp-1",
                Duration.ofHours(8),
                Duration.ofMinutes(200),
                Duration.ofMinutes(280),
                true,
                false,
                List.of("key-vault", "storage", "databricks", "power-bi"),
                List.of(new FeasibilityReport.Finding(
                        FeasibilityReport.Finding.FRESHNESS_EXCEEDED,
                        "power-bi",
                        "Power BI must be fresh within 3h but recovers at 3h20",
                        Duration.ofHours(3),
                        Duration.ofMinutes(200),
                        Duration.ofMinutes(20),
                        List.of("power-bi"),
                        List.of("Automate selected recovery processes"))));
        TopicWriter.get()
                .write(
                        Topics.FEASIBILITY,
                        q,
                        EventTypes.FEASIBILITY,
                        "feasibility:" + q + ":fp-1",
                        Samples.CORRELATOR,
                        MutableClock.START,
                        false,
                        report);
        Eventually.assertThat(
                Duration.ofSeconds(10),
                () -> viewer().get("/api/v1/feasibility/" + q)
                        .then()
                        .body("source", equalTo("correlator"))
                        .body("feasible", equalTo(false))
                        .body("meetsRto", equalTo(true))
                        .body("findings[0].kind", equalTo("freshness-exceeded"))
                        .body("findings[0].componentId", equalTo("power-bi"))
                        .body("findings[0].overByMinutes", equalTo(20))
                        .body("summary", equalTo("Power BI must be fresh within 3h but recovers at 3h20"))
                        .body("evaluatedAt", equalTo("2026-11-22T10:00:00Z"))
                        .body("criticalPath[2].steps.name", contains("Deploy workspace", "Restore jobs")));
        viewer().get("/api/v1/feasibility")
                .then()
                .statusCode(200)
                .body("platformId", org.hamcrest.Matchers.hasItems(P, q));
        viewer().get("/api/v1/feasibility/nope").then().statusCode(404);
    }

    @Test
    void theDashboardHasEachPlatformsGridIncidentsDecisionAndFeasibility() {
        viewer().get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("now", equalTo("2026-11-22T10:00:00Z"))
                // rm-B is mitigated, not resolved: the platform is still recovering from it, so it stays listed.
                .body(
                        "platforms.find { it.platform.id == '" + P + "' }.openIncidents.id",
                        contains("rm-A", "rm-B", "rm-D"))
                .body("platforms.find { it.platform.id == '" + P + "' }.openIncidents[0].ageSeconds", equalTo(3600))
                .body("platforms.find { it.platform.id == '" + P + "' }.openIncidents[1].state", equalTo("mitigated"))
                .body("platforms.find { it.platform.id == '" + P + "' }.openIncidents[2].drill", equalTo(true))
                .body("platforms.find { it.platform.id == '" + P + "' }.openDecisions.decision.id", contains("rm-X"))
                .body(
                        "platforms.find { it.platform.id == '" + P + "' }.openDecisions[0].timeLeftSeconds",
                        equalTo(16800))
                .body(
                        "platforms.find { it.platform.id == '" + P + "' }.grid.layers[2].components[0].state",
                        equalTo("outage"))
                .body("platforms.find { it.platform.id == '" + P + "' }.feasibility.planMinutes", equalTo(200));
    }
}
