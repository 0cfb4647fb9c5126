package dev.stormwatch.correlator.decision;

import static dev.stormwatch.correlator.decision.FailoverFlowTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Azure revises the impact start while an incident runs (West Europe, November 2025: 17:00, later 16:53; East US 2:
 * 01:59, then 01:57, then 01:30) and the mitigation time both ways. Every revision moves the deadline of the open
 * invoke-dr with it — earlier or later, a decision already "RTO at risk" too, and out of "at risk" when the revision
 * allows — and says in the timeline from what to what. SPEC example plan: 200 min of recovery.
 */
class ImpactStartRevisionFlowTest {

    static HealthEvent storage(String tracking, Instant impactStart, Instant lastUpdate) {
        return HealthEvents.incident(tracking, "Storage", "westeurope", impactStart)
                .level("Warning")
                .lastUpdate(lastUpdate)
                .subscription(null)
                .build();
    }

    static List<String> timeline(Incident incident) {
        return incident.timeline().stream().map(TimelineEntry::what).toList();
    }

    @Test
    void aRevisionToAnEarlierStartMovesTheDeadlineExactlySevenMinutesEarlierAndALaterOneMovesItLater() {
        String incidentId = "inc-spec-example-we-1105-20251105-1700";
        try (CorrelatorDriver driver = new CorrelatorDriver(Instant.parse("2025-11-05T17:31:00Z"))) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            driver.drain();
            driver.health(storage("WE-1105", Instant.parse("2025-11-05T17:00:00Z"), driver.now()));
            Decision first = last(driver.decisions());
            assertEquals(Instant.parse("2025-11-05T21:40:00Z"), first.deadline(), "17:00 + 8h − 200 min");

            // 18:40 Azure's update says the impact began at 16:53.
            driver.advanceTo(Instant.parse("2025-11-05T18:40:00Z"));
            driver.drain();
            driver.health(storage("WE-1105", Instant.parse("2025-11-05T16:53:00Z"), driver.now()));
            List<Decision> moved = driver.decisions();
            assertEquals(1, moved.size());
            Decision earlier = moved.get(0);
            assertEquals(first.id(), earlier.id());
            assertEquals(Instant.parse("2025-11-05T21:33:00Z"), earlier.deadline());
            assertEquals(Duration.ofMinutes(7), Duration.between(earlier.deadline(), first.deadline()));
            assertFalse(earlier.rtoAtRisk());
            assertEquals(DecisionState.OPEN, earlier.state());
            assertEquals(first.version() + 1, earlier.version());
            Incident incident = last(driver.incidents());
            assertEquals(incidentId, incident.id());
            assertEquals(Instant.parse("2025-11-05T16:53:00Z"), incident.impactStart());
            List<String> timeline = timeline(incident);
            assertTrue(
                    timeline.contains("WE-1105: the provider revised the impact start from 2025-11-05T17:00:00Z to"
                            + " 2025-11-05T16:53:00Z"),
                    timeline.toString());
            assertEquals(
                    "invoke-dr deadline moved from 2025-11-05T21:40:00Z to 2025-11-05T21:33:00Z: the provider revised"
                            + " the impact start from 2025-11-05T17:00:00Z to 2025-11-05T16:53:00Z",
                    last(timeline));
            assertTrue(driver.audit().stream()
                    .map(AuditRecord::detail)
                    .anyMatch(("2025-11-05T21:40:00Z → 2025-11-05T21:33:00Z (impact start 2025-11-05T17:00:00Z → "
                            + "2025-11-05T16:53:00Z)")::equals));

            // A late update of another service of the same tracking id, older than the revision, says 17:00 again: the
            // revision stands.
            driver.drain();
            driver.health(
                    HealthEvents.incident("WE-1105", "Key Vault", "westeurope", Instant.parse("2025-11-05T17:00:00Z"))
                            .level("Warning")
                            .lastUpdate(Instant.parse("2025-11-05T18:00:00Z"))
                            .subscription(null)
                            .build());
            assertEquals(List.of(), driver.decisions(), "an older update does not move the deadline back");
            assertEquals(
                    Instant.parse("2025-11-05T16:53:00Z"),
                    last(driver.incidents()).impactStart());

            // 19:30 a revision the other way: 17:05.
            driver.advanceTo(Instant.parse("2025-11-05T19:30:00Z"));
            driver.drain();
            driver.health(storage("WE-1105", Instant.parse("2025-11-05T17:05:00Z"), driver.now()));
            Decision later = last(driver.decisions());
            assertEquals(Instant.parse("2025-11-05T21:45:00Z"), later.deadline());
            assertEquals(first.version() + 2, later.version());
            Incident revisedLater = last(driver.incidents());
            assertEquals(
                    "invoke-dr deadline moved from 2025-11-05T21:33:00Z to 2025-11-05T21:45:00Z: the provider revised"
                            + " the impact start from 2025-11-05T16:53:00Z to 2025-11-05T17:05:00Z",
                    last(timeline(revisedLater)));
            assertEquals(
                    Instant.parse("2025-11-05T17:05:00Z"),
                    revisedLater.impactStart(),
                    "both services of the tracking id follow the newest revision");
        }
    }

    @Test
    void aDecisionAlreadyAtRiskMovesWithEveryRevisionAndLeavesAtRiskWhenARevisionAllows() {
        // RTO 4h: decide by impact start + 40 min. East US 2 style: 01:59, revised to 01:57, then to 01:30.
        String id = "inc-spec-example-eu2-1-20260110-0159-invoke-dr";
        try (CorrelatorDriver driver = new CorrelatorDriver(Instant.parse("2026-01-10T02:45:00Z"))) {
            driver.catalog(Catalogs.specExample("warm-spare", "4h"));
            driver.drain();
            driver.health(storage("EU2-1", Instant.parse("2026-01-10T01:59:00Z"), driver.now()));
            Decision atRisk = last(driver.decisions());
            assertEquals(id, atRisk.id());
            assertEquals(Instant.parse("2026-01-10T02:39:00Z"), atRisk.deadline());
            assertTrue(atRisk.rtoAtRisk(), "already past at detection");

            driver.advanceTo(Instant.parse("2026-01-10T03:10:00Z"));
            driver.drain();
            driver.health(storage("EU2-1", Instant.parse("2026-01-10T01:57:00Z"), driver.now()));
            Decision second = last(driver.decisions());
            assertEquals(Instant.parse("2026-01-10T02:37:00Z"), second.deadline());
            assertTrue(second.rtoAtRisk());
            assertEquals(2, second.version());
            assertEquals(
                    "invoke-dr deadline moved from 2026-01-10T02:39:00Z to 2026-01-10T02:37:00Z: the provider revised"
                            + " the impact start from 2026-01-10T01:59:00Z to 2026-01-10T01:57:00Z",
                    last(timeline(last(driver.incidents()))));

            driver.advanceTo(Instant.parse("2026-01-10T04:00:00Z"));
            driver.drain();
            driver.health(storage("EU2-1", Instant.parse("2026-01-10T01:30:00Z"), driver.now()));
            Decision third = last(driver.decisions());
            assertEquals(Instant.parse("2026-01-10T02:10:00Z"), third.deadline());
            assertTrue(third.rtoAtRisk());
            assertEquals(3, third.version());

            // A revision that leaves time to decide takes the decision out of "at risk"; its clock runs again.
            driver.advanceTo(Instant.parse("2026-01-10T04:05:00Z"));
            driver.drain();
            driver.health(storage("EU2-1", Instant.parse("2026-01-10T03:50:00Z"), driver.now()));
            Decision backInTime = last(driver.decisions());
            assertEquals(Instant.parse("2026-01-10T04:30:00Z"), backInTime.deadline());
            assertFalse(backInTime.rtoAtRisk());
            assertFalse(backInTime.title().startsWith("RTO at risk"), backInTime.title());
            assertEquals(
                    "invoke-dr deadline moved from 2026-01-10T02:10:00Z to 2026-01-10T04:30:00Z: the provider revised"
                            + " the impact start from 2026-01-10T01:30:00Z to 2026-01-10T03:50:00Z; no longer at "
                            + "risk: there is time to decide",
                    last(timeline(last(driver.incidents()))));

            driver.advanceTo(Instant.parse("2026-01-10T04:30:00Z"));
            List<Decision> expiry = driver.decisions();
            assertEquals(
                    DecisionState.EXPIRED,
                    expiry.stream()
                            .filter(d -> d.id().equals(id))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .state());
            Decision retry = last(expiry);
            assertEquals(id + "-2", retry.id());
            assertTrue(retry.rtoAtRisk());
            assertEquals(Instant.parse("2026-01-10T07:50:00Z"), retry.deadline(), "03:50 + RTO 4h");
        }
    }

    @Test
    void theMitigationTimeFollowsTheProvidersRevisionsBothWays() {
        try (CorrelatorDriver driver = new CorrelatorDriver(Instant.parse("2025-11-05T17:31:00Z"))) {
            driver.catalog(Catalogs.specExample("warm-spare", "8h"));
            HealthEvent active = storage("WE-1105", Instant.parse("2025-11-05T17:00:00Z"), driver.now());
            driver.health(active);
            driver.advanceTo(Instant.parse("2025-11-05T20:20:00Z"));
            driver.health(HealthEvents.from(active)
                    .stage(HealthStage.RESOLVED)
                    .mitigated(Instant.parse("2025-11-05T20:10:00Z"))
                    .lastUpdate(driver.now())
                    .build());
            assertEquals(
                    Instant.parse("2025-11-05T20:10:00Z"),
                    last(driver.incidents()).mitigatedAt());

            driver.advanceTo(Instant.parse("2025-11-05T21:00:00Z"));
            driver.health(HealthEvents.from(active)
                    .stage(HealthStage.RESOLVED)
                    .mitigated(Instant.parse("2025-11-05T20:02:00Z"))
                    .lastUpdate(driver.now())
                    .build());
            Incident earlier = last(driver.incidents());
            assertEquals(Instant.parse("2025-11-05T20:02:00Z"), earlier.mitigatedAt());
            assertTrue(
                    timeline(earlier)
                            .contains("WE-1105: the provider revised the mitigation time from"
                                    + " 2025-11-05T20:10:00Z to 2025-11-05T20:02:00Z"),
                    timeline(earlier).toString());

            driver.advanceTo(Instant.parse("2025-11-05T22:00:00Z"));
            driver.health(HealthEvents.from(active)
                    .stage(HealthStage.RESOLVED)
                    .mitigated(Instant.parse("2025-11-05T20:15:00Z"))
                    .lastUpdate(driver.now())
                    .build());
            assertEquals(
                    Instant.parse("2025-11-05T20:15:00Z"),
                    last(driver.incidents()).mitigatedAt());
        }
    }
}
