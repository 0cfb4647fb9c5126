package dev.stormwatch.correlator.metrics;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the correlator's topology, the open-work counts are at every step what counting the stores gives: after an outage
 * opens an incident and invoke-dr, after a record that fails once its writes were made (the view is read again from the
 * stores), after the approval, and after the provider resolves the outage.
 */
class OpenWorkTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String PLATFORM = Catalogs.CONTOSO;

    final AtomicBoolean failApprovals = new AtomicBoolean();
    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        driver = new CorrelatorDriver(
                T0,
                Map.of("stormwatch.correlator.state-stores", "in-memory"),
                CorrelatorDriver.approvalsFailWhile(failApprovals));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void theCountsFollowEachChangeAndAFailedRecordLeavesThemAsTheStoresHoldThem() {
        driver.catalog(Catalogs.contoso());
        HealthEvents outage = HealthEvents.incident("STG-1", "Storage", PRIMARY, T0);
        driver.health(outage.build());
        driver.drain();
        Decision invoke = openDecisions(DecisionKind.INVOKE_DR).get(0);
        OpenWork.Counts afterOutage = driver.openWork().of(PLATFORM, false);
        assertEquals(Map.of(Severity.SEV1, 1L), afterOutage.incidents());
        assertEquals(Map.of(DecisionKind.INVOKE_DR, 1L), afterOutage.decisions());
        assertEquals(Map.of(DecisionKind.INVOKE_DR, invoke.deadline()), afterOutage.earliestDeadline());
        assertCountsAreTheStores();

        failApprovals.set(true);
        driver.approve(invoke, "ann", "bridge call 10:05");
        assertEquals(afterOutage, driver.openWork().of(PLATFORM, false), "the failed approval changed nothing");
        assertCountsAreTheStores();

        failApprovals.set(false);
        driver.approve(invoke, "ann", "bridge call 10:06");
        OpenWork.Counts afterApproval = driver.openWork().of(PLATFORM, false);
        assertEquals(0L, afterApproval.decisions().getOrDefault(DecisionKind.INVOKE_DR, 0L));
        assertEquals(
                (long) openDecisions(DecisionKind.RECOVERY_STEP).size(),
                afterApproval.decisions().getOrDefault(DecisionKind.RECOVERY_STEP, 0L));
        assertCountsAreTheStores();
    }

    @Test
    void anOutageTheProviderResolvesBeforeAnyoneDecidedMovesTheCountsFromInvokeDrToTheSignOff() {
        driver.catalog(Catalogs.contoso());
        HealthEvents outage = HealthEvents.incident("STG-1", "Storage", PRIMARY, T0);
        driver.health(outage.build());
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, 1L),
                driver.openWork().of(PLATFORM, false).decisions());
        assertCountsAreTheStores();

        driver.advance(Duration.ofMinutes(30));
        driver.health(outage.resolved(driver.now()).build());
        OpenWork.Counts resolved = driver.openWork().of(PLATFORM, false);
        assertEquals(Map.of(Severity.SEV1, 1L), resolved.incidents(), "mitigated until the platform is validated");
        assertEquals(Map.of(DecisionKind.BUSINESS_SIGNOFF, 1L), resolved.decisions(), "invoke-dr cancelled");
        assertEquals(null, resolved.earliestDeadline().get(DecisionKind.INVOKE_DR));
        assertCountsAreTheStores();

        driver.approve(openDecisions(DecisionKind.BUSINESS_SIGNOFF).get(0), "ann", "validated");
        assertEquals(Map.of(), driver.openWork().of(PLATFORM, false).decisions());
        assertCountsAreTheStores();
    }

    private void assertCountsAreTheStores() {
        List<IncidentRecord> incidents = new ArrayList<>();
        KeyValueStore<String, IncidentRecord> incidentStore = driver.store(StoreNames.INCIDENTS);
        try (KeyValueIterator<String, IncidentRecord> all = incidentStore.all()) {
            all.forEachRemaining(kv -> incidents.add(kv.value));
        }
        List<DecisionRecord> decisions = new ArrayList<>();
        KeyValueStore<String, DecisionRecord> decisionStore = driver.store(StoreNames.DECISIONS);
        try (KeyValueIterator<String, DecisionRecord> all = decisionStore.all()) {
            all.forEachRemaining(kv -> decisions.add(kv.value));
        }
        for (boolean drill : new boolean[] {false, true}) {
            assertEquals(
                    OpenWorkTest.recount(incidents, decisions, drill),
                    driver.openWork().of(PLATFORM, drill),
                    "drill " + drill);
        }
    }

    private List<Decision> openDecisions(DecisionKind kind) {
        List<Decision> open = new ArrayList<>();
        KeyValueStore<String, DecisionRecord> store = driver.store(StoreNames.DECISIONS);
        try (KeyValueIterator<String, DecisionRecord> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.decision().kind() == kind && kv.value.decision().isOpen()) {
                    open.add(kv.value.decision());
                }
            });
        }
        return open;
    }
}
