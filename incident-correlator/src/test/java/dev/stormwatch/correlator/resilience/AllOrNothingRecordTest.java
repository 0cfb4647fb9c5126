package dev.stormwatch.correlator.resilience;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.StoreNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record whose processing fails after the stages made their store writes (here: the approval of invoke-dr, failed
 * once its outputs were built) changes neither the stores nor any topic; the failure is audited, and the next record is
 * processed from the state as it was.
 */
class AllOrNothingRecordTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String PLATFORM = Catalogs.CONTOSO;
    static final String INVOKE_DR = "inc-contoso-data-platform-stg-1-20261122-1000-invoke-dr";

    final AtomicBoolean failApprovals = new AtomicBoolean();
    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        driver = new CorrelatorDriver(
                T0,
                Map.of("stormwatch.correlator.state-stores", "in-memory"),
                CorrelatorDriver.approvalsFailWhile(failApprovals));
        driver.catalog(Catalogs.contoso());
        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        driver.drain();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aFailureAfterTheApprovalWasStoredLeavesTheDecisionOpenAndSendsNothingAndTheNextApprovalGoesThrough() {
        Decision invoke = decisionInStore();
        assertEquals(DecisionState.OPEN, invoke.state());
        assertEquals(1, invoke.version());

        failApprovals.set(true);
        driver.approve(invoke, "ann", "bridge call 10:05");

        for (String topic : List.of(
                Topics.DR_DECISIONS.name(),
                Topics.INCIDENTS.name(),
                Topics.COMPONENT_STATUS.name(),
                Topics.HANDOVERS.name(),
                Topics.FEASIBILITY.name(),
                Topics.HEALTH_EVENTS_DLQ.name())) {
            assertEquals(List.of(), driver.read(topic), topic);
        }
        AuditRecord failed = single(driver.audit());
        assertEquals("correlation-failed", failed.action());
        assertEquals(PLATFORM, failed.platformId());
        assertTrue(failed.subjectId().startsWith("taken-" + INVOKE_DR + "-"), failed.subjectId());
        assertTrue(
                failed.detail()
                        .matches("dev\\.stormwatch\\.decision-taken\\.v1 at \\S+-platform-repartition-\\d+@\\d+: "
                                + "IllegalStateException: the approval's records could not be built; nothing "
                                + "of it was stored or sent"),
                failed.detail());
        Decision stored = decisionInStore();
        assertEquals(DecisionState.OPEN, stored.state(), "the approval's store write was not kept");
        assertEquals(1, stored.version());

        failApprovals.set(false);
        driver.approve(invoke, "ann", "bridge call 10:06");
        List<Decision> decisions = driver.decisions();
        Decision approved = decisions.get(0);
        assertEquals(INVOKE_DR, approved.id());
        assertEquals(DecisionState.APPROVED, approved.state());
        assertEquals(
                2, approved.version(), "the next snapshot after the open one: the failed approval left no version");
        assertEquals("bridge call 10:06", approved.evidence());
        assertEquals(DecisionKind.RECOVERY_STEP, decisions.get(1).kind());
        assertEquals(DecisionState.APPROVED, decisionInStore().state());
        assertEquals(
                List.of("decision-taken"),
                driver.audit().stream()
                        .map(AuditRecord::action)
                        .distinct()
                        .filter(a -> a.startsWith("decision"))
                        .toList());
    }

    private Decision decisionInStore() {
        DecisionRecord record =
                driver.<DecisionRecord>store(StoreNames.DECISIONS).get(StoreNames.key(PLATFORM, INVOKE_DR));
        return record.decision();
    }

    static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
