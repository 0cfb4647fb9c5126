package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.HealthEvents.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.platform.CatalogView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The correlator's topology on the example platform: matching, component status, incident grouping and lifecycle,
 * out-of-order and duplicate input, dead letters, and catalog changes at run time.
 */
class CorrelationTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String CONTOSO = Catalogs.CONTOSO;
    static final Map<String, ComponentState> ALL_OPERATIONAL =
            Map.of(PRIMARY, ComponentState.OPERATIONAL, SECONDARY, ComponentState.OPERATIONAL);

    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        driver = new CorrelatorDriver(T0);
        driver.catalog(Catalogs.contoso());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCatalogAtLoadPublishesItsFeasibilityAndEveryComponentOperationalAndTheSameCatalogAgainChangesNothing() {
        List<ComponentStatus> statuses = driver.statuses();
        assertEquals(
                List.of(
                        "key-vault",
                        "shared-services",
                        "source-systems",
                        "data-factory",
                        "adls-raw",
                        "adls-enriched",
                        "adls-curated",
                        "databricks",
                        "synapse",
                        "analysis-services",
                        "power-bi"),
                statuses.stream().map(ComponentStatus::componentId).toList());
        assertTrue(statuses.stream()
                .allMatch(s -> s.state() == ComponentState.OPERATIONAL
                        && s.regions().equals(ALL_OPERATIONAL)
                        && s.since().equals(T0)
                        && s.causes().isEmpty()));
        List<FeasibilityReport> reports = driver.feasibility();
        assertEquals(1, reports.size());
        assertEquals(CatalogView.fingerprint(Catalogs.contoso()), reports.get(0).catalogFingerprint());
        assertEquals(Duration.ofMinutes(385), reports.get(0).recoveryTotal());
        List<AuditRecord> audit = driver.audit();
        assertEquals(1, audit.size());
        assertEquals("catalog-loaded", audit.get(0).action());
        assertEquals(
                "11 components; recovery plan 6h25m against an RTO of 8h: 1 feasibility finding(s)",
                audit.get(0).detail());

        driver.catalog(Catalogs.contoso());
        assertNothingWritten();
    }

    @Test
    void aStorageOutageInThePrimaryRegionPutsTheStoreZonesInOutageAndEverythingDownstreamInImpactedUpstream() {
        driver.drain();
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());

        List<String> statuses = driver.statuses().stream()
                .map(CorrelationTopologyTest::describe)
                .toList();
        assertEquals(
                List.of(
                        "adls-raw outage primary=outage upstream=[] causes=[STG-1]",
                        "adls-enriched outage primary=outage upstream=[] causes=[STG-1]",
                        "adls-curated outage primary=outage upstream=[] causes=[STG-1]",
                        "databricks impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated] causes=[STG-1]",
                        "synapse impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated] causes=[STG-1]",
                        "analysis-services impacted-upstream primary=impacted-upstream upstream=[adls-raw, "
                                + "adls-enriched, adls-curated] causes=[STG-1]",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated] causes=[STG-1]"),
                statuses);
        Incident incident = single(driver.incidents());
        assertEquals("inc-contoso-data-platform-stg-1-20261122-1000", incident.id());
        assertEquals(IncidentState.OPEN, incident.state());
        assertEquals(Severity.SEV1, incident.severity());
        assertEquals(List.of("adls-raw", "adls-enriched", "adls-curated"), incident.components());
        assertEquals(List.of(PRIMARY), incident.regions());
        assertTrue(incident.primaryRegionHit());
        assertFalse(incident.readinessRisk());
        assertEquals(
                "Outage in the primary region Australia East: ADLS raw zone (Storage), ADLS enriched zone (Storage),"
                        + " ADLS curated zone (Storage). Priority components are down in the primary region: the "
                        + "invoke-dr decision is open.",
                incident.assessment());
    }

    /**
     * Statuses are worked out only for the components whose events changed and those downstream of them, each from its
     * own events and the components it depends on: two outages on one path must still combine and come apart exactly.
     */
    @Test
    void twoOutagesOnOnePathCombineAndComeApartComponentByComponent() {
        driver.drain();
        driver.health(HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .build());
        assertEquals(
                List.of(
                        "analysis-services outage primary=outage upstream=[] causes=[AAS-1] incident=aas-1",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[analysis-services] "
                                + "causes=[AAS-1] incident=aas-1"),
                describeWithIncident(driver.statuses()));

        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0.plusSeconds(60))
                .build());
        assertEquals(
                List.of(
                        "adls-raw outage primary=outage upstream=[] causes=[STG-1] incident=aas-1",
                        "adls-enriched outage primary=outage upstream=[] causes=[STG-1] incident=aas-1",
                        "adls-curated outage primary=outage upstream=[] causes=[STG-1] incident=aas-1",
                        "databricks impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated] causes=[STG-1] incident=aas-1",
                        "synapse impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated] causes=[STG-1] incident=aas-1",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[adls-raw, adls-enriched, "
                                + "adls-curated, analysis-services] causes=[AAS-1, STG-1] incident=aas-1"),
                describeWithIncident(driver.statuses()),
                "analysis-services is down by its own event, so it does not change; Storage joined its incident");

        driver.advance(Duration.ofHours(1));
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0.plusSeconds(60))
                .resolved(T0.plus(Duration.ofMinutes(50)))
                .build());
        assertEquals(
                List.of(
                        "adls-raw operational primary=operational upstream=[] causes=[] incident=none",
                        "adls-enriched operational primary=operational upstream=[] causes=[] incident=none",
                        "adls-curated operational primary=operational upstream=[] causes=[] incident=none",
                        "databricks operational primary=operational upstream=[] causes=[] incident=none",
                        "synapse operational primary=operational upstream=[] causes=[] incident=none",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[analysis-services] "
                                + "causes=[AAS-1] incident=aas-1"),
                describeWithIncident(driver.statuses()),
                "power-bi still depends on the analysis services that are down");

        driver.health(HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .resolved(T0.plus(Duration.ofMinutes(55)))
                .build());
        // Microsoft recovered every service: the platform is validated before it counts as normal, so every
        // component is worked out again and shows recovering, even those no event touched.
        assertEquals(
                List.of(
                        "key-vault recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "shared-services recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "source-systems recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "data-factory recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "adls-raw recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "adls-enriched recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "adls-curated recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "databricks recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "synapse recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "analysis-services recovering primary=operational upstream=[] causes=[] incident=aas-1",
                        "power-bi recovering primary=operational upstream=[] causes=[] incident=aas-1"),
                describeWithIncident(driver.statuses()));
    }

    @Test
    void aStatusListsTheFirstTwentyTrackingIdsBehindItAndSaysWhenThereAreMore() {
        driver.drain();
        for (int i = 1; i <= 25; i++) {
            driver.health(HealthEvents.incident(String.format("STG-%02d", i), "Storage", PRIMARY, T0)
                    .build());
        }
        List<String> first20 = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            first20.add(String.format("STG-%02d", i));
        }
        Map<String, ComponentStatus> latest = new java.util.LinkedHashMap<>();
        driver.statuses().forEach(s -> latest.put(s.componentId(), s));
        ComponentStatus raw = latest.get("adls-raw");
        assertEquals(first20, raw.causes());
        assertTrue(raw.moreCauses(), "25 tracking ids are behind it");
        ComponentStatus databricks = latest.get("databricks");
        assertEquals(ComponentState.IMPACTED_UPSTREAM, databricks.state());
        assertEquals(first20, databricks.causes(), "the causes of what it depends on");
        assertTrue(databricks.moreCauses());
        assertEquals("inc-contoso-data-platform-stg-01", raw.incidentId().replaceAll("-\\d{8}-\\d{4}$", ""));

        driver.advance(Duration.ofMinutes(30));
        for (int i = 1; i <= 5; i++) {
            driver.health(HealthEvents.incident(String.format("STG-%02d", i), "Storage", PRIMARY, T0)
                    .resolved(T0.plus(Duration.ofMinutes(20)))
                    .build());
        }
        latest.clear();
        driver.statuses().forEach(s -> latest.put(s.componentId(), s));
        raw = latest.get("adls-raw");
        assertEquals(ComponentState.OUTAGE, raw.state(), "20 tracking ids still go on");
        assertEquals(20, raw.causes().size());
        assertEquals("STG-06", raw.causes().get(0));
        assertEquals("STG-25", raw.causes().get(19));
        assertFalse(raw.moreCauses(), "exactly 20 are left, all listed");
    }

    private static List<String> describeWithIncident(List<ComponentStatus> statuses) {
        return statuses.stream()
                .map(s -> describe(s) + " incident="
                        + (s.incidentId() == null
                                ? "none"
                                : s.incidentId()
                                        .replace("inc-contoso-data-platform-", "")
                                        .replaceAll("-\\d{8}-\\d{4}$", "")))
                .toList();
    }

    @Test
    void theResolutionOfTheLastActiveEventRestoresOperational() {
        driver.drain();
        driver.health(HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .build());
        driver.health(HealthEvents.incident("AAS-2", "Analysis Services", PRIMARY, T0.plusSeconds(600))
                .level("warning")
                .build());
        // Warning-level service incidents are outages of what they name.
        assertEquals(
                List.of(
                        "analysis-services outage primary=outage upstream=[] causes=[AAS-1]",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[analysis-services] "
                                + "causes=[AAS-1]",
                        "analysis-services outage primary=outage upstream=[] causes=[AAS-1, AAS-2]",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[analysis-services] "
                                + "causes=[AAS-1, AAS-2]"),
                driver.statuses().stream()
                        .map(CorrelationTopologyTest::describe)
                        .toList());
        List<Incident> incidents = driver.incidents();
        assertEquals(
                List.of("inc-contoso-data-platform-aas-1-20261122-1000"),
                incidents.stream().map(Incident::id).distinct().toList());
        assertEquals(Severity.SEV2, incidents.get(1).severity(), "outage of a priority-2 component");
        assertEquals(List.of("AAS-1", "AAS-2"), incidents.get(1).trackingIds());
        assertEquals(List.of(), driver.decisions(), "invoke-dr is for priority 1 (invoke-dr-max-priority), not 2");

        driver.advance(Duration.ofHours(1));
        driver.health(HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .resolved(T0.plus(Duration.ofMinutes(50)))
                .build());
        assertEquals(
                List.of(
                        "analysis-services outage primary=outage upstream=[] causes=[AAS-2]",
                        "power-bi impacted-upstream primary=impacted-upstream upstream=[analysis-services] "
                                + "causes=[AAS-2]"),
                driver.statuses().stream()
                        .map(CorrelationTopologyTest::describe)
                        .toList(),
                "AAS-2 is still active");
        assertEquals(IncidentState.OPEN, last(driver.incidents()).state());

        driver.health(HealthEvents.incident("AAS-2", "Analysis Services", PRIMARY, T0.plusSeconds(600))
                .level("warning")
                .resolved(T0.plus(Duration.ofMinutes(55)))
                .build());
        assertEquals(
                List.of(
                        "analysis-services operational primary=operational upstream=[] causes=[]",
                        "power-bi operational primary=operational upstream=[] causes=[]"),
                driver.statuses().stream()
                        .map(CorrelationTopologyTest::describe)
                        .toList());
        Incident resolved = last(driver.incidents());
        assertEquals(IncidentState.RESOLVED, resolved.state());
        assertEquals(T0.plus(Duration.ofMinutes(55)), resolved.mitigatedAt(), "the provider's mitigation time");
        assertEquals(T0.plus(Duration.ofHours(1)), resolved.resolvedAt());
        assertEquals(
                List.of(
                        "AAS-1 is now resolved",
                        "AAS-2 is now resolved",
                        "State open → resolved: nothing left to do for the platform"),
                resolved
                        .timeline()
                        .subList(
                                resolved.timeline().size() - 3,
                                resolved.timeline().size())
                        .stream()
                        .map(t -> t.what())
                        .toList());
    }

    @Test
    void eventsOfOneRegionInTheWindowAreOneIncidentWhileTheSecondaryRegionIsAReadinessRiskAndLaterEventsANewIncident() {
        driver.drain();
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.health(HealthEvents.incident("ADF-1", "Data Factory", PRIMARY, T0.plusSeconds(120))
                .build());
        driver.health(HealthEvents.incident("STG-2", "Storage", SECONDARY, T0.plusSeconds(300))
                .build());
        driver.health(HealthEvents.incident("ADV-1", "Key Vault", SECONDARY, T0.plusSeconds(360))
                .kind(HealthEventKind.HEALTH_ADVISORY)
                .level("informational")
                .build());
        driver.health(HealthEvents.incident("KV-9", "Key Vault", PRIMARY, T0.plus(Duration.ofHours(3)))
                .build());

        List<Incident> incidents = driver.incidents();
        Map<String, Incident> latest = new java.util.LinkedHashMap<>();
        incidents.forEach(i -> latest.put(i.id(), i));
        assertEquals(
                List.of(
                        "inc-contoso-data-platform-stg-1-20261122-1000",
                        "inc-contoso-data-platform-stg-2-20261122-1005",
                        "inc-contoso-data-platform-kv-9-20261122-1300"),
                List.copyOf(latest.keySet()));

        Incident primary = latest.get("inc-contoso-data-platform-stg-1-20261122-1000");
        assertEquals(List.of("STG-1", "ADF-1"), primary.trackingIds());
        assertEquals(List.of("data-factory", "adls-raw", "adls-enriched", "adls-curated"), primary.components());

        Incident secondary = latest.get("inc-contoso-data-platform-stg-2-20261122-1005");
        assertEquals(List.of("STG-2", "ADV-1"), secondary.trackingIds(), "same region within the window");
        assertEquals(List.of(SECONDARY), secondary.regions());
        assertTrue(secondary.readinessRisk());
        assertFalse(secondary.primaryRegionHit());
        assertEquals(Severity.SEV3, secondary.severity(), "a readiness risk is at most sev3");
        assertTrue(
                secondary
                        .assessment()
                        .contains("DR readiness risk, not an outage: only the secondary region Australia"
                                + " Southeast is impacted while the platform runs in Australia East"),
                secondary.assessment());

        Incident later = latest.get("inc-contoso-data-platform-kv-9-20261122-1300");
        assertEquals(List.of("KV-9"), later.trackingIds(), "3 h later: outside the 2 h window");
        assertEquals(List.of("key-vault"), later.components());
        assertEquals(
                1,
                driver.decisions().stream()
                        .filter(d -> d.kind() == DecisionKind.INVOKE_DR)
                        .count(),
                "DR is invoked for the platform once");
    }

    @Test
    void theGroupingWindowIsConfigurable() {
        driver.close();
        driver = new CorrelatorDriver(
                T0,
                Map.of(
                        "stormwatch.correlator.incidents.grouping-window",
                        "30m",
                        "stormwatch.correlator.state-stores",
                        "in-memory"));
        driver.catalog(Catalogs.contoso());
        driver.drain();
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.health(HealthEvents.incident("ADF-1", "Data Factory", PRIMARY, T0.plus(Duration.ofMinutes(45)))
                .build());
        assertEquals(
                List.of(
                        "inc-contoso-data-platform-stg-1-20261122-1000",
                        "inc-contoso-data-platform-adf-1-20261122-1045"),
                driver.incidents().stream().map(Incident::id).distinct().toList());
    }

    @Test
    void anUpdateOlderThanTheOneAppliedDoesNotRollTheIncidentBackAndADuplicateCloudEventIdChangesNothing() {
        driver.drain();
        HealthEvent active = HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .build();
        driver.health("he-1", active);
        driver.advance(Duration.ofMinutes(60));
        driver.health(
                "he-2",
                HealthEvents.from(active)
                        .resolved(T0.plus(Duration.ofMinutes(60)))
                        .build());
        assertEquals(IncidentState.RESOLVED, last(driver.incidents()).state());
        driver.drain();

        // A re-delivery of the active version: same CloudEvent id, nothing at all happens.
        driver.health("he-1", active);
        assertNothingWritten();

        // An update written before the resolution arrives late: audited as ignored, the incident stays resolved.
        driver.health(
                "he-3",
                HealthEvents.from(active)
                        .lastUpdate(T0.plus(Duration.ofMinutes(30)))
                        .summary("still bad")
                        .build());
        assertEquals(List.of(), driver.incidents());
        assertEquals(List.of(), driver.statuses());
        List<AuditRecord> audit = driver.audit();
        assertEquals(1, audit.size());
        assertEquals("stale-update-ignored", audit.get(0).action());
        assertEquals(
                "inc-contoso-data-platform-aas-1-20261122-1000", audit.get(0).subjectId());
        assertEquals(
                "event he-3 for AAS-1 was last updated 2026-11-22T10:30:00Z, before the version already applied"
                        + " (2026-11-22T11:00:00Z): it does not roll the incident back",
                audit.get(0).detail());
        assertEquals(List.of(), driver.decisions());
    }

    @Test
    void aResolutionThatArrivesBeforeTheActiveUpdateIsTheIncidentsStateAndTheActiveUpdateIsIgnored() {
        driver.drain();
        HealthEvent active = HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .build();
        driver.health(HealthEvents.from(active)
                .resolved(T0.plus(Duration.ofMinutes(20)))
                .build());
        Incident first = single(driver.incidents());
        assertEquals(IncidentState.RESOLVED, first.state());
        assertEquals(
                List.of(),
                driver.statuses().stream()
                        .filter(s -> s.state() != ComponentState.OPERATIONAL)
                        .toList());
        driver.health(active);
        assertEquals(List.of(), driver.incidents());
        assertEquals("stale-update-ignored", single(driver.audit()).action());
    }

    @Test
    void aHealthEventWrittenDataFirstCorrelatesAndOneWhoseDataDoesNotFitIsDeadLettered() {
        driver.drain();
        String data = JsonCodec.toJson(
                HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        String dataFirst = "{\"data\":" + data + ",\"type\":\"" + EventTypes.HEALTH_EVENT
                + "\",\"source\":\"/elsewhere\",\"id\":\"foreign-1\",\"specversion\":\"1.0\"}";
        driver.rawHealth("STG-1", dataFirst.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("STG-1"), single(driver.incidents()).trackingIds());

        String soon = data.replaceFirst("\"impactStart\":\"[^\"]*\"", "\"impactStart\":\"soon\"");
        String wrong = "{\"specversion\":\"1.0\",\"id\":\"x-3\",\"source\":\"/s\",\"type\":\"" + EventTypes.HEALTH_EVENT
                + "\",\"data\":" + soon + "}";
        driver.rawHealth("STG-2", wrong.getBytes(StandardCharsets.UTF_8));
        RejectedInput rejected = single(driver.deadLetters());
        assertTrue(
                rejected.reason()
                        .startsWith("CloudEvent x-3: data is not a valid HealthEvent (dev.stormwatch.health-event.v1),"
                                + " field data.impactStart: "),
                rejected.reason());
        assertEquals(wrong, rejected.raw());
    }

    @Test
    void unreadableInputGoesToTheDeadLetterTopicWithTheReason() {
        driver.drain();
        driver.rawHealth("k1", "this is not json".getBytes(StandardCharsets.UTF_8));
        CloudEvent wrongType =
                JsonCodec.envelope("x-1", EventTypes.INCIDENT, "/somewhere", "s", T0, false, Map.of("a", 1));
        driver.rawHealth("k2", JsonCodec.toBytes(wrongType));
        CloudEvent noKind = JsonCodec.envelope(
                "x-2", EventTypes.HEALTH_EVENT, "/somewhere", "s", T0, false, Map.of("trackingId", "T-1"));
        driver.rawHealth("k3", JsonCodec.toBytes(noKind));

        List<RejectedInput> dlq = driver.deadLetters();
        assertEquals(3, dlq.size());
        assertTrue(
                dlq.get(0).reason().startsWith("not a CloudEvent in structured JSON mode: "),
                dlq.get(0).reason());
        assertEquals("this is not json", dlq.get(0).raw());
        assertEquals("health-events.v1-0@0", dlq.get(0).endpoint());
        assertEquals(
                "CloudEvent x-1 has type 'dev.stormwatch.incident.v1', which health-events.v1 does not carry;"
                        + " expected one of [dev.stormwatch.health-event.v1]",
                dlq.get(1).reason());
        assertEquals(
                "CloudEvent x-2: data is not a valid HealthEvent: kind is missing",
                dlq.get(2).reason());
        List<String> keys = driver.read(Topics.HEALTH_EVENTS_DLQ.name()).stream()
                .map(kv -> kv.key)
                .toList();
        assertEquals(List.of(), keys, "already read");
        assertEquals(List.of(), driver.incidents());
    }

    @Test
    void publishedEventsForServicesOrRegionsThePlatformDoesNotUseWriteNothing() {
        driver.drain();
        HealthEvent na0f = FixtureEvents.activityLogRest("activity-log-rest/rest-servicehealth-incident-NA0F-BJG.json");
        driver.health(na0f);
        assertNothingWritten();
    }

    @Test
    void theActionGroupsTestAlertIsCorrelatedAsAProviderTestWithoutStatusOrDecision() {
        driver.drain();
        // ABC1-DEF as published (synthetic, resolved, "Azure Service Name" in Global), re-pointed at Key Vault.
        HealthEvent test = FixtureEvents.commonAlertServiceHealth(
                "common-alert-schema/cas-servicehealth-incident-testaction.json");
        assertTrue(test.synthetic());
        assertEquals(HealthStage.RESOLVED, test.stage());
        driver.health(HealthEvents.from(test).impacted("Key Vault", "global").build());

        Incident incident = single(driver.incidents());
        assertEquals("inc-contoso-data-platform-abc1-def-20211116-2000", incident.id());
        assertEquals("Test Action Group - Test Service Health Alert", incident.title());
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertEquals(Severity.SEV4, incident.severity());
        assertEquals(
                "Provider test alert (the action group's test button): correlated so that the wiring can be checked;"
                        + " no real impact, no status change, no DR decision.",
                incident.assessment());
        assertEquals(List.of("key-vault"), incident.components());
        assertEquals(List.of(), driver.statuses());
        assertEquals(List.of(), driver.decisions());
    }

    @Test
    void plannedMaintenanceFromTheCommonSchemaPutsTheComponentInMaintenance() {
        driver.drain();
        // As published ("Azure Synapse Analytics" in East US, stage Planned), re-pointed at Australia East.
        HealthEvent maintenance = FixtureEvents.commonAlertServiceHealth(
                "common-alert-schema/cas-alertcontext-servicehealth-maintenance-numeric-enums.json");
        assertEquals(HealthEventKind.PLANNED_MAINTENANCE, maintenance.kind());
        driver.health(HealthEvents.from(maintenance)
                .impacted("Azure Synapse Analytics", PRIMARY)
                .build());
        assertEquals(
                List.of("synapse maintenance primary=maintenance upstream=[] causes=[<GUID>]"),
                driver.statuses().stream()
                        .map(CorrelationTopologyTest::describe)
                        .toList());
        Incident incident = single(driver.incidents());
        assertEquals(Severity.SEV4, incident.severity());
        assertTrue(incident.plannedMaintenance(), "maintenance only: the notifier pages it in working hours");
        assertEquals(List.of(), driver.decisions());
    }

    @Test
    void aResourceHealthUnavailableEventForAListedResourceIsAnOutageOfItsComponent() {
        driver.drain();
        // As published (Unavailable, Downtime), its target re-pointed at Contoso's raw storage account.
        HealthEvent rh =
                FixtureEvents.commonAlertResourceHealth("common-alert-schema/cas-resourcehealth-testaction.json");
        assertEquals("unavailable", rh.availabilityState());
        String account = "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/rg-dp-store/providers"
                + "/microsoft.storage/storageaccounts/stcontosodpraw";
        driver.health(HealthEvents.from(rh).resources(List.of(account)).build());
        List<String> statuses = driver.statuses().stream()
                .map(CorrelationTopologyTest::describe)
                .toList();
        assertEquals("adls-raw outage primary=outage upstream=[] causes=[" + account + "]", statuses.get(0));
        assertEquals(7, statuses.size(), "adls-raw and the six components downstream of it");
        Incident incident = single(driver.incidents());
        assertTrue(incident.id().startsWith("inc-contoso-data-platform-"), incident.id());
        assertEquals(List.of(account), incident.trackingIds());
        assertFalse(incident.plannedMaintenance(), "an outage pages at any hour");
        assertEquals(1, driver.decisions().size(), "a priority-1 component down in the primary region");
    }

    @Test
    void aCatalogChangeAtRunTimeIsEvaluatedAgainAndMatchingFollowsIt() {
        // Cosmos DB is no service of the platform: the event is kept by the router, hits nothing.
        driver.drain();
        HealthEvent cosmos = HealthEvents.incident("COS-1", "Azure Cosmos DB", PRIMARY, T0)
                .level("warning")
                .build();
        driver.health(cosmos);
        assertNothingWritten();

        Catalog before = Catalogs.contoso();
        List<Component> components = new ArrayList<>();
        for (Component c : before.components()) {
            components.add(
                    !c.id().equals("source-systems")
                            ? c
                            : new Component(
                                    c.id(),
                                    c.name(),
                                    c.service(),
                                    List.of("Cosmos DB"),
                                    c.layer(),
                                    c.stage(),
                                    c.freshness(),
                                    c.priority(),
                                    c.regions(),
                                    c.subscriptions(),
                                    c.resourceIds(),
                                    c.dependsOn(),
                                    c.owner(),
                                    c.escalationPolicy(),
                                    c.recovery()));
        }
        var p = before.platform();
        Catalog changed = new Catalog(
                new dev.stormwatch.contracts.catalog.Platform(
                        p.id(),
                        p.name(),
                        p.primaryRegion(),
                        p.secondaryRegion(),
                        p.strategy(),
                        "6h",
                        p.rpo(),
                        p.subscriptions(),
                        p.drLead(),
                        p.escalationPolicy(),
                        p.drillInterval()),
                components,
                before.contacts(),
                before.roles(),
                before.rosters(),
                before.escalationPolicies(),
                before.downstream());
        driver.catalog(changed);
        FeasibilityReport report = single(driver.feasibility());
        assertFalse(report.meetsRto(), "6h25m of recovery against an RTO of 6h");
        assertEquals(
                List.of("rto-exceeded", "freshness-exceeded"),
                report.findings().stream().map(f -> f.kind()).toList());
        assertEquals("catalog-changed", driver.audit().get(0).action());
        // The changed catalog names Cosmos DB as an alias of the source systems: the kept event now hits them.
        assertEquals(
                List.of("source-systems outage primary=outage upstream=[] causes=[COS-1]"),
                driver.statuses().stream()
                        .filter(s -> s.state() != ComponentState.IMPACTED_UPSTREAM)
                        .map(CorrelationTopologyTest::describe)
                        .toList());
        assertEquals(List.of("source-systems"), single(driver.incidents()).components());

        driver.health(HealthEvents.from(cosmos).tracking("COS-2").build());
        assertEquals(
                List.of("source-systems outage primary=outage upstream=[] causes=[COS-1, COS-2]"),
                driver.statuses().stream()
                        .filter(s -> s.state() != ComponentState.IMPACTED_UPSTREAM)
                        .map(CorrelationTopologyTest::describe)
                        .toList());
        assertEquals(List.of("COS-1", "COS-2"), single(driver.incidents()).trackingIds());
    }

    @Test
    void drillEventsAreFlaggedAndNeverGroupedWithRealOnes() {
        driver.drain();
        driver.health(
                "real-1", HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build(), false);
        driver.health(
                "drill-1",
                HealthEvents.incident("DRILL-1", "Data Factory", PRIMARY, T0).build(),
                true);
        List<Incident> incidents = driver.incidents();
        assertEquals(
                List.of(
                        "inc-contoso-data-platform-stg-1-20261122-1000",
                        "inc-contoso-data-platform-drill-1-20261122-1000"),
                incidents.stream().map(Incident::id).distinct().toList());
        assertTrue(last(incidents).drill());
    }

    @Test
    void theSameTrackingIdActiveAgainReopensItsIncidentUntilTheIncidentLeavesTheStoresAfterTheHistoryRetention() {
        driver.drain();
        HealthEvent active = HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, T0)
                .level("warning")
                .build();
        driver.health(active);
        driver.advance(Duration.ofHours(1));
        driver.health(HealthEvents.from(active).resolved(driver.now()).build());
        driver.advance(Duration.ofDays(2));
        driver.health(HealthEvents.from(active).lastUpdate(driver.now()).build());
        Incident reopened = last(driver.incidents());
        assertEquals("inc-contoso-data-platform-aas-1-20261122-1000", reopened.id());
        assertEquals(IncidentState.OPEN, reopened.state());
        assertEquals(3, reopened.version());
        assertEquals(
                "State resolved → open: the provider reports impact again",
                last(reopened.timeline()).what());
        driver.health(HealthEvents.from(active).resolved(driver.now()).build());
        driver.drain();

        // 30 days after its resolution the incident leaves the stores (its last snapshot stays on incidents.v1).
        driver.advance(Duration.ofDays(31));
        Instant later = driver.now();
        driver.health(HealthEvents.incident("AAS-1", "Analysis Services", PRIMARY, later)
                .level("warning")
                .build());
        Incident fresh = single(driver.incidents());
        assertEquals("inc-contoso-data-platform-aas-1-20261225-1100", fresh.id());
        assertEquals(1, fresh.version());
        assertEquals(List.of("AAS-1"), fresh.trackingIds());
    }

    @Test
    void anEventArrivingBeforeItsPlatformsCatalogIsCorrelatedWhenTheCatalogArrivesAndOneNobodyMatchesIsDroppedLater() {
        driver.close();
        driver = new CorrelatorDriver(T0);
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        String uks = driver.health(
                HealthEvents.incident("UKS-1", "Storage", "uksouth", T0).build());
        assertEquals(List.of(), driver.incidents(), "no catalog yet");
        long unmatched = dev.stormwatch.correlator.routing.PlatformRouter.unmatched();

        driver.advance(Duration.ofMinutes(5));
        driver.catalog(Catalogs.contoso());
        assertEquals(
                List.of("inc-contoso-data-platform-stg-1-20261122-1000"),
                driver.incidents().stream().map(Incident::id).toList());
        assertEquals(1, driver.decisions().size());

        driver.advance(Duration.ofMinutes(6));
        assertEquals(
                unmatched + 1,
                dev.stormwatch.correlator.routing.PlatformRouter.unmatched(),
                "UKS-1 hits no platform: dead-lettered after the 10 minutes' grace");
        RejectedInput rejected = single(driver.deadLetters());
        assertEquals("unmatched/" + uks, rejected.endpoint());
        assertEquals(
                "health event " + uks + " (UKS-1) hit no platform's catalog within the grace period of 10m"
                        + " (received 2026-11-22T10:00:00Z); impacted: Storage in uksouth",
                rejected.reason());
        assertEquals(T0.plus(Duration.ofMinutes(11)), rejected.receivedAt());
        assertTrue(rejected.raw().contains("\"UKS-1\""), rejected.raw());
        driver.catalog(Catalogs.specExample("warm-spare", "8h"));
        assertEquals(List.of(), driver.incidents());
    }

    private void assertNothingWritten() {
        for (String topic : List.of(
                Topics.INCIDENTS.name(),
                Topics.COMPONENT_STATUS.name(),
                Topics.DR_DECISIONS.name(),
                Topics.HANDOVERS.name(),
                Topics.AUDIT.name(),
                Topics.FEASIBILITY.name(),
                Topics.HEALTH_EVENTS_DLQ.name())) {
            assertEquals(List.of(), driver.read(topic), topic);
        }
    }

    static String describe(ComponentStatus s) {
        return s.componentId() + " " + s.state().wire() + " primary="
                + s.regions().get(PRIMARY).wire() + " upstream=" + s.upstream() + " causes=" + s.causes();
    }

    static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
