package dev.stormwatch.correlator.decision;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.decision.FailoverFlowTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.StoreNames;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real outages as Azure reports them: service incidents at level Warning (or Informational), several services in one
 * communication, later updates that talk only about some of them, per-subscription copies, and resolutions service by
 * service. Shapes follow Azure's Service Health alerts (impactedServices per service with its regions, stage Active →
 * Resolved, impact start and mitigation times) and the public post-incident reviews of multi-service regional outages
 * (a storage-led incident where Storage, Key Vault and SQL Database recover hours apart).
 */
class PerServiceFactsFlowTest {

    static final String TRACKING = "MULTI-1";
    static final Instant START = Instant.parse("2026-11-22T01:30:00Z");
    static final Instant DETECTED = Instant.parse("2026-11-22T01:45:00Z");
    static final String INCIDENT = "inc-contoso-data-platform-multi-1-20261122-0130";

    /**
     * One Service Health update of {@link #TRACKING} for Contoso's subscription, naming {@code services} in the
     * primary.
     */
    static HealthEvent update(Instant lastUpdate, HealthStage stage, String summary, String... services) {
        List<ImpactedService> pairs = Arrays.stream(services)
                .map(s -> new ImpactedService(s, "Australia East"))
                .toList();
        HealthEvents e = HealthEvents.incident(TRACKING, services[0], PRIMARY, START)
                .impacted(pairs)
                .level("Warning")
                .title("Multiple services - Australia East")
                .summary(summary)
                .stage(stage)
                .lastUpdate(lastUpdate);
        return (stage == HealthStage.RESOLVED ? e.mitigated(lastUpdate) : e).build();
    }

    static Map<String, ComponentState> latestStates(List<ComponentStatus> written) {
        Map<String, ComponentState> out = new LinkedHashMap<>();
        written.forEach(s -> out.put(s.componentId(), s.state()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Warning", "Informational", "Error", "Critical"})
    void anActiveServiceIncidentIsAnOutageWhateverItsLevelAndAsksTheDrLeadWithTheExactDeadline(String level) {
        // West Europe, 5 November 2025: a thermal event took storage scale units offline from 17:00 UTC.
        Instant now = Instant.parse("2025-11-05T17:31:00Z");
        try (CorrelatorDriver driver = new CorrelatorDriver(now)) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            driver.drain();
            driver.health(
                    HealthEvents.incident("WE-1105", "Storage", "westeurope", Instant.parse("2025-11-05T17:00:00Z"))
                            .level(level)
                            .lastUpdate(now)
                            .subscription(null)
                            .build());
            Map<String, ComponentState> states = latestStates(driver.statuses());
            assertEquals(
                    Map.of(
                            "storage",
                            ComponentState.OUTAGE,
                            "databricks",
                            ComponentState.IMPACTED_UPSTREAM,
                            "power-bi",
                            ComponentState.IMPACTED_UPSTREAM),
                    states);
            List<Decision> decisions = driver.decisions();
            assertEquals(1, decisions.size());
            Decision d = decisions.get(0);
            assertEquals(DecisionKind.INVOKE_DR, d.kind());
            // 17:00 + RTO 8h − recovery plan 200 min
            assertEquals(Instant.parse("2025-11-05T21:40:00Z"), d.deadline());
            assertFalse(d.rtoAtRisk());
            assertEquals(now, d.raisedAt());
            assertEquals(Strategy.WARM_SPARE.recommendation(), d.recommendation());
            assertEquals(Severity.SEV1, last(driver.incidents()).severity());
        }
    }

    @Test
    void advisoriesAndMaintenanceKeepTheirOwnRulesAtAnyLevel() {
        Instant now = Instant.parse("2025-11-05T17:31:00Z");
        try (CorrelatorDriver driver = new CorrelatorDriver(now)) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            driver.drain();
            driver.health(HealthEvents.incident("ADV-1", "Storage", "westeurope", now)
                    .kind(HealthEventKind.HEALTH_ADVISORY)
                    .level("Warning")
                    .subscription(null)
                    .build());
            driver.health(HealthEvents.incident("SEC-1", "Key Vault", "westeurope", now)
                    .kind(HealthEventKind.SECURITY_ADVISORY)
                    .level("Critical")
                    .subscription(null)
                    .build());
            assertEquals(List.of(), driver.statuses(), "advisories change no status");
            driver.health(HealthEvents.incident("MNT-1", "Power BI", "westeurope", now)
                    .kind(HealthEventKind.PLANNED_MAINTENANCE)
                    .stage(HealthStage.PLANNED)
                    .level("Warning")
                    .subscription(null)
                    .build());
            assertEquals(Map.of("power-bi", ComponentState.MAINTENANCE), latestStates(driver.statuses()));
            assertEquals(List.of(), driver.decisions(), "no invoke-dr for advisories or maintenance");
        }
    }

    @Test
    void aServiceStaysImpactedUntilItsOwnResolutionAndInvokeDrStaysOpenWhileAnythingIsDown() {
        try (CorrelatorDriver driver = new CorrelatorDriver(DETECTED)) {
            driver.catalog(Catalogs.contoso());
            driver.drain();
            // 01:45 the first communication names SQL Database, Storage, Key Vault and Virtual Machines (not ours).
            driver.health(update(
                    DETECTED,
                    HealthStage.ACTIVE,
                    "Customers may experience failures",
                    "SQL Database",
                    "Storage",
                    "Key Vault",
                    "Virtual Machines"));
            Map<String, ComponentState> states = latestStates(driver.statuses());
            for (String down : List.of("key-vault", "source-systems", "adls-raw", "adls-enriched", "adls-curated")) {
                assertEquals(ComponentState.OUTAGE, states.get(down), down);
            }
            Decision invoke = last(driver.decisions());
            assertEquals(INCIDENT + "-invoke-dr", invoke.id());
            assertEquals(Instant.parse("2026-11-22T03:05:00Z"), invoke.deadline(), "01:30 + 8h − 6h25m");
            assertEquals(
                    List.of("key-vault", "source-systems", "adls-raw", "adls-enriched", "adls-curated"),
                    last(driver.incidents()).components());

            // 02:10 an update about Storage only: Key Vault and SQL Database stay down.
            driver.advanceTo(Instant.parse("2026-11-22T02:10:00Z"));
            driver.drain();
            HealthEvent storageOnly =
                    update(driver.now(), HealthStage.ACTIVE, "Storage recovery is progressing", "Storage");
            driver.health(storageOnly);
            assertEquals(List.of(), driver.statuses(), "no component changes: the others are not cleared");
            Incident afterStorageUpdate = last(driver.incidents());
            assertEquals(IncidentState.OPEN, afterStorageUpdate.state());
            assertEquals(
                    "Provider update on MULTI-1: Multiple services - Australia East",
                    last(afterStorageUpdate.timeline()).what());

            // 02:40 Key Vault is resolved: only Key Vault.
            driver.advanceTo(Instant.parse("2026-11-22T02:40:00Z"));
            driver.drain();
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Key Vault mitigated", "Key Vault"));
            states = latestStates(driver.statuses());
            assertEquals(ComponentState.OPERATIONAL, states.get("key-vault"));
            assertFalse(states.containsKey("source-systems"), "SQL Database unchanged: " + states);
            assertFalse(states.containsKey("adls-raw"), "Storage unchanged: " + states);
            assertEquals(List.of(), driver.decisions(), "invoke-dr neither cancelled nor moved");
            Incident incident = last(driver.incidents());
            assertEquals(IncidentState.OPEN, incident.state());
            assertTrue(
                    incident.timeline().stream()
                            .map(TimelineEntry::what)
                            .anyMatch("MULTI-1 is now resolved for Key Vault in Australia East"::equals),
                    incident.timeline().toString());

            // 03:00 Storage is resolved; SQL Database is still down.
            driver.advanceTo(Instant.parse("2026-11-22T03:00:00Z"));
            driver.drain();
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Storage mitigated", "Storage"));
            states = latestStates(driver.statuses());
            assertEquals(ComponentState.OPERATIONAL, states.get("adls-raw"));
            assertFalse(states.containsKey("source-systems"), states.toString());
            assertEquals(
                    List.of(),
                    driver.decisions(),
                    "invoke-dr not cancelled and no sign-off while SQL Database is down");
            assertEquals(IncidentState.OPEN, last(driver.incidents()).state());

            // 03:01 a late copy of the 02:10 Storage update: it does not bring Storage back down.
            driver.advanceTo(Instant.parse("2026-11-22T03:01:00Z"));
            driver.drain();
            driver.health(storageOnly);
            assertEquals(List.of(), driver.statuses());
            assertEquals(List.of(), driver.incidents());
            AuditRecord ignored = last(driver.audit());
            assertEquals("stale-update-ignored", ignored.action());
            assertEquals(INCIDENT, ignored.subjectId());

            // 03:05 nobody decided: the deadline passes while SQL Database is still down.
            driver.advanceTo(Instant.parse("2026-11-22T03:05:00Z"));
            Decision again = last(driver.decisions());
            assertEquals(INCIDENT + "-invoke-dr-2", again.id());
            assertTrue(again.rtoAtRisk());
            assertEquals(Instant.parse("2026-11-22T09:30:00Z"), again.deadline(), "01:30 + RTO 8h");

            // 13:00 SQL Database is resolved, 11.5 h after the impact began: now the primary region is clear.
            driver.advanceTo(Instant.parse("2026-11-22T13:00:00Z"));
            driver.drain();
            driver.health(update(driver.now(), HealthStage.RESOLVED, "SQL Database mitigated", "SQL Database"));
            List<Decision> decisions = driver.decisions();
            assertEquals(
                    List.of(INCIDENT + "-invoke-dr-2 CANCELLED", INCIDENT + "-business-signoff OPEN"),
                    decisions.stream().map(d -> d.id() + " " + d.state()).toList());
            assertEquals(
                    "Microsoft resolved the primary region before a decision was taken",
                    decisions.get(0).reason());
            Incident mitigated = last(driver.incidents());
            assertEquals(IncidentState.MITIGATED, mitigated.state());
            assertEquals(Instant.parse("2026-11-22T13:00:00Z"), mitigated.mitigatedAt());
            ComponentStatus sql = driver.statuses().stream()
                    .filter(s -> s.componentId().equals("source-systems"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(ComponentState.RECOVERING, sql.state(), "validated before handover");
            assertEquals(ComponentState.OPERATIONAL, sql.regions().get(PRIMARY));
        }
    }

    @Test
    void theFallbackIsOfferedOnlyWhenTheLastImpactedServiceOfThePrimaryRegionIsResolved() {
        try (CorrelatorDriver driver = new CorrelatorDriver(DETECTED)) {
            driver.catalog(Catalogs.contoso());
            driver.health(update(
                    DETECTED,
                    HealthStage.ACTIVE,
                    "Customers may experience failures",
                    "SQL Database",
                    "Storage",
                    "Key Vault"));
            driver.advanceTo(Instant.parse("2026-11-22T01:50:00Z"));
            driver.approve(last(driver.decisions()), "priya", "bridge call 01:49");
            driver.drain();

            driver.advanceTo(Instant.parse("2026-11-22T02:40:00Z"));
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Key Vault mitigated", "Key Vault"));
            driver.advanceTo(Instant.parse("2026-11-22T03:00:00Z"));
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Storage mitigated", "Storage"));
            assertTrue(
                    driver.decisions().stream().noneMatch(d -> d.kind() == DecisionKind.FALLBACK),
                    "SQL Database is still down in the primary region");
            assertEquals(IncidentState.OPEN, last(driver.incidents()).state());

            driver.advanceTo(Instant.parse("2026-11-22T13:00:00Z"));
            driver.drain();
            driver.health(update(driver.now(), HealthStage.RESOLVED, "SQL Database mitigated", "SQL Database"));
            List<Decision> fallback = driver.decisions().stream()
                    .filter(d -> d.kind() == DecisionKind.FALLBACK)
                    .toList();
            assertEquals(
                    List.of(INCIDENT + "-fallback"),
                    fallback.stream().map(Decision::id).toList());
            assertEquals(Instant.parse("2026-11-22T13:00:00Z"), fallback.get(0).raisedAt());
            assertEquals(IncidentState.MITIGATED, last(driver.incidents()).state());
        }
    }

    @Test
    void aResolvedIncidentIsNotReopenedByALateCopyOnlyByAGenuinelyNewActiveUpdate() {
        // Analysis Services is priority 2: no DR episode, so the incident resolves when the provider does.
        try (CorrelatorDriver driver = new CorrelatorDriver(DETECTED)) {
            driver.catalog(Catalogs.contoso());
            HealthEvent active = update(DETECTED, HealthStage.ACTIVE, "Investigating", "Analysis Services");
            driver.health(active);
            driver.advanceTo(Instant.parse("2026-11-22T03:00:00Z"));
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Mitigated", "Analysis Services"));
            Incident resolved = last(driver.incidents());
            assertEquals(IncidentState.RESOLVED, resolved.state());
            driver.drain();

            driver.health(active);
            driver.health(update(
                    Instant.parse("2026-11-22T03:00:00Z"),
                    HealthStage.ACTIVE,
                    "Same time as the resolution",
                    "Analysis Services"));
            assertEquals(List.of(), driver.incidents(), "no resolved → open on updates that are not newer");
            assertEquals(List.of(), driver.statuses());
            assertEquals(
                    List.of("stale-update-ignored", "stale-update-ignored"),
                    driver.audit().stream().map(AuditRecord::action).toList());

            driver.advanceTo(Instant.parse("2026-11-22T05:00:00Z"));
            driver.health(update(driver.now(), HealthStage.ACTIVE, "Impact has returned", "Analysis Services"));
            Incident reopened = last(driver.incidents());
            assertEquals(INCIDENT, reopened.id());
            assertEquals(IncidentState.OPEN, reopened.state());
            assertEquals(
                    "State resolved → open: the provider reports impact again",
                    last(reopened.timeline()).what());
        }
    }

    @Test
    void twoSubscriptionsCopiesOfOneTrackingIdAreTwoFactsAndTheWholeTrackingIdEndsWithAResolutionNamingNoService() {
        Instant now = Instant.parse("2025-11-05T17:31:00Z");
        Instant start = Instant.parse("2025-11-05T17:00:00Z");
        String subA = "aaaaaaaa-0000-0000-0000-000000000001";
        String subB = "bbbbbbbb-0000-0000-0000-000000000002";
        try (CorrelatorDriver driver = new CorrelatorDriver(now)) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            HealthEvent a = HealthEvents.incident("WE-1105", "Storage", "westeurope", start)
                    .level("Warning")
                    .lastUpdate(now)
                    .subscription(subA)
                    .build();
            driver.health(a);
            driver.drain();
            // The second subscription's alert, 1.7 s older, arrives after: a fact of its own, not a stale copy.
            driver.health(HealthEvents.from(a)
                    .subscription(subB)
                    .lastUpdate(now.minusMillis(1700))
                    .build());
            assertTrue(driver.audit().stream().noneMatch(r -> r.action().equals("stale-update-ignored")), "not stale");

            driver.advanceTo(Instant.parse("2025-11-05T19:00:00Z"));
            driver.drain();
            driver.health(HealthEvents.from(a).resolved(driver.now()).build());
            assertEquals(List.of(), driver.statuses(), "Storage is still down for the other subscription");
            assertEquals(List.of(), driver.decisions(), "invoke-dr stays open");

            // 19:05 the other subscription's final communication names no service: the whole tracking id is over.
            driver.advanceTo(Instant.parse("2025-11-05T19:05:00Z"));
            driver.health(HealthEvents.from(a)
                    .subscription(subB)
                    .impacted(List.of())
                    .resolved(driver.now())
                    .build());
            List<Decision> decisions = driver.decisions();
            assertEquals(
                    List.of(
                            "inc-spec-example-we-1105-20251105-1700-invoke-dr CANCELLED",
                            "inc-spec-example-we-1105-20251105-1700-business-signoff OPEN"),
                    decisions.stream().map(d -> d.id() + " " + d.state()).toList());
            assertEquals(Instant.parse("2025-11-05T19:05:00Z"), decisions.get(0).decidedAt());
            Incident incident = last(driver.incidents());
            assertEquals(List.of("WE-1105"), incident.trackingIds());
            assertEquals(IncidentState.MITIGATED, incident.state());
        }
    }

    @Test
    void aRecordKeptPerTrackingIdByTheEarlierVersionBecomesItsFactsSoAnUpdateChangesOnlyWhatItNames() {
        try (CorrelatorDriver driver = new CorrelatorDriver(DETECTED)) {
            HealthEvent first = update(
                    DETECTED,
                    HealthStage.ACTIVE,
                    "Customers may experience failures",
                    "SQL Database",
                    "Storage",
                    "Key Vault");
            KeyValueStore<String, EventRecord> events = driver.store(StoreNames.EVENTS);
            String legacyKey = StoreNames.key(Catalogs.CONTOSO, TRACKING);
            events.put(
                    legacyKey,
                    new EventRecord(
                            TRACKING,
                            "he-legacy",
                            first,
                            List.of(
                                    new Hit("key-vault", PRIMARY),
                                    new Hit("source-systems", PRIMARY),
                                    new Hit("adls-raw", PRIMARY)),
                            DETECTED,
                            INCIDENT,
                            false,
                            DETECTED,
                            null,
                            null,
                            null,
                            null,
                            true));
            driver.catalog(Catalogs.contoso());
            driver.advanceTo(Instant.parse("2026-11-22T02:40:00Z"));
            driver.drain();

            driver.health(update(driver.now(), HealthStage.RESOLVED, "Key Vault mitigated", "Key Vault"));
            Map<String, ComponentState> states = latestStates(driver.statuses());
            assertEquals(ComponentState.OPERATIONAL, states.get("key-vault"));
            assertFalse(states.containsKey("source-systems"), "SQL Database still down: " + states);
            assertEquals(null, events.get(legacyKey), "replaced by its facts");
            KeyValueStore<String, ComponentStatus> statuses = driver.store(StoreNames.STATUSES);
            assertEquals(
                    ComponentState.OUTAGE,
                    statuses.get(StoreNames.key(Catalogs.CONTOSO, "source-systems"))
                            .state());
        }
    }

    @Test
    void anImpactedResourceOfOursIsMatchedByItsIdAndEndsWithTheServiceItWasReportedWith() {
        // Resource Health's impacted resources for a Virtual Machines incident list our vault (not a VM service of
        // ours).
        String vault = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dp-foundation/providers"
                + "/Microsoft.KeyVault/vaults/kv-contoso-dp";
        try (CorrelatorDriver driver = new CorrelatorDriver(DETECTED)) {
            driver.catalog(Catalogs.contoso());
            driver.drain();
            HealthEvent vm = update(DETECTED, HealthStage.ACTIVE, "Compute impact", "Virtual Machines");
            driver.health(HealthEvents.from(vm)
                    .resources(List.of(vault.toLowerCase()))
                    .build());
            assertEquals(ComponentState.OUTAGE, latestStates(driver.statuses()).get("key-vault"));
            assertEquals(INCIDENT + "-invoke-dr", last(driver.decisions()).id());

            driver.advanceTo(Instant.parse("2026-11-22T02:30:00Z"));
            driver.drain();
            driver.health(update(driver.now(), HealthStage.RESOLVED, "Mitigated", "Virtual Machines"));
            assertEquals(
                    List.of(INCIDENT + "-invoke-dr CANCELLED", INCIDENT + "-business-signoff OPEN"),
                    driver.decisions().stream()
                            .map(d -> d.id() + " " + d.state())
                            .toList());
        }
    }
}
