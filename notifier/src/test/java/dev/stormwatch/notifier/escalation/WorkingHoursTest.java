package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Planned maintenance waits for each recipient's working hours; outages and DR decisions do not (scenario b). Catalog
 * catalogs/working-hours.yaml: ann in Sydney on the platform's Mon-Fri 08:00-18:00, lee in London on her own Mon-Fri
 * 09:00-17:00, priya (Sydney) at level 2 and for decisions. November 2026: Sydney is UTC+11, London UTC+0.
 */
class WorkingHoursTest {

    static final Catalog CATALOG = EscalationHarness.catalog("/catalogs/working-hours.yaml");
    /** Tuesday 24 November 2026 02:00 in Sydney; Monday 15:00 in London (at work). */
    static final Instant SYDNEY_0200 = Instant.parse("2026-11-23T15:00:00Z");

    static final Instant SYDNEY_0800 = Instant.parse("2026-11-23T21:00:00Z");
    /** Tuesday 10:00 in Sydney; Monday 23:00 in London (off). */
    static final Instant SYDNEY_1000 = Instant.parse("2026-11-23T23:00:00Z");

    static final String MAINTENANCE = "Planned maintenance in the primary region Australia East: Synapse warehouse"
            + " (Azure Synapse Analytics).";

    EscalationHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private void startAt(Instant t) {
        h = new EscalationHarness(t);
        h.publishCatalog(CATALOG, "catalog-1");
    }

    static Incident incident(
            String id, Severity severity, String assessment, Instant at, long version, IncidentState state) {
        return new Incident(
                id,
                EscalationHarness.PLATFORM,
                "Synapse in Australia East",
                state,
                severity,
                List.of("synapse"),
                List.of("australiaeast"),
                List.of("TRK-9"),
                true,
                false,
                assessment,
                at,
                at,
                null,
                state == IncidentState.RESOLVED ? at : null,
                null,
                at,
                version,
                false,
                List.of(),
                id.startsWith("maint-")); // as the correlator says: every event of a maint-* incident is maintenance
    }

    @Test
    void maintenanceAtTwoInTheMorningWaitsForEightAndTheNextLevelGetsItsFullTimeAfterThat() {
        startAt(SYDNEY_0200);
        h.publish(incident("maint-1", Severity.SEV4, MAINTENANCE, SYDNEY_0200, 1, IncidentState.OPEN));
        h.advanceTo(SYDNEY_0800.minusSeconds(1));
        // lee is at work in London: at once; ann is asleep in Sydney: nothing.
        assertEquals(List.of("2026-11-23T15:00:00Z lee email [incident-opened] [maint-1.l1.r0]"), h.deliveredLines());

        h.advanceTo(SYDNEY_0800.plusSeconds(60 * 60));
        assertEquals(
                List.of(
                        "2026-11-23T15:00:00Z lee email [incident-opened] [maint-1.l1.r0]",
                        "2026-11-23T21:00:00Z ann webhook [incident-opened] [maint-1.l1.r0]",
                        // level 1 has its 30 minutes from 08:00, when the last of its people could see it
                        "2026-11-23T21:30:00Z priya teams [incident-opened] [maint-1.l2.r0]"),
                h.deliveredLines());

        List<Notification> notes = h.readNotifications();
        assertEquals(
                new Notification(
                        "maint-1.l1.r0",
                        "esc-platform",
                        "maint-1",
                        "incident-opened",
                        1,
                        "ann",
                        "none",
                        null,
                        0,
                        DeliveryResult.SKIPPED,
                        "held until 08:00 Australia/Sydney: planned maintenance outside working hours",
                        SYDNEY_0200,
                        false),
                notes.stream()
                        .filter(n -> n.result() == DeliveryResult.SKIPPED)
                        .findFirst()
                        .orElseThrow());
        assertEquals(
                List.of(
                        "ann none SKIPPED 2026-11-23T15:00:00Z",
                        "lee email DELIVERED 2026-11-23T15:00:00Z",
                        "ann webhook DELIVERED 2026-11-23T21:00:00Z",
                        "priya teams DELIVERED 2026-11-23T21:30:00Z"),
                notes.stream()
                        .map(n -> n.contactId() + " " + n.channel() + " " + n.result() + " " + n.at())
                        .toList());

        List<AuditRecord> held = h.readAudit().stream()
                .filter(a -> a.action().equals("page-held"))
                .toList();
        assertEquals(1, held.size());
        assertEquals(
                "incident-opened level 1 page maint-1.l1.r0 to ann held until 08:00 Australia/Sydney: planned"
                        + " maintenance outside working hours (2026-11-23T21:00:00Z)",
                held.get(0).detail());
        assertEquals(SYDNEY_0200, held.get(0).at());
    }

    @Test
    void maintenanceAtTenInTheMorningGoesOutAtOnceToWhoeverIsAtWork() {
        startAt(SYDNEY_1000);
        h.publish(incident("maint-2", Severity.SEV4, MAINTENANCE, SYDNEY_1000, 1, IncidentState.OPEN));
        h.advanceTo(SYDNEY_1000.plusSeconds(60));
        assertEquals(List.of("2026-11-23T23:00:00Z ann webhook [incident-opened] [maint-2.l1.r0]"), h.deliveredLines());
        List<Notification> notes = h.readNotifications();
        assertEquals(
                List.of("ann webhook DELIVERED", "lee none SKIPPED"),
                notes.stream().map(n -> n.contactId() + " " + n.channel() + " " + n.result()).toList().stream()
                        .sorted()
                        .toList());
        assertEquals(
                "held until 09:00 Europe/London: planned maintenance outside working hours",
                notes.stream()
                        .filter(n -> n.contactId().equals("lee"))
                        .findFirst()
                        .orElseThrow()
                        .error());
    }

    @Test
    void anOutageAtTwoInTheMorningPagesEveryoneAtOnce() {
        startAt(SYDNEY_0200);
        h.publish(incident(
                "out-1",
                Severity.SEV1,
                "Outage in the primary region Australia East: Synapse warehouse" + " (Azure Synapse Analytics).",
                SYDNEY_0200,
                1,
                IncidentState.OPEN));
        h.advanceTo(SYDNEY_0200.plusSeconds(30 * 60));
        assertEquals(
                List.of(
                        "2026-11-23T15:00:00Z ann webhook [incident-opened] [out-1.l1.r0]",
                        "2026-11-23T15:00:00Z lee email [incident-opened] [out-1.l1.r0]",
                        "2026-11-23T15:30:00Z priya teams [incident-opened] [out-1.l2.r0]"),
                h.deliveredLines().stream().sorted().toList());
        assertEquals(
                0,
                h.readNotifications().stream()
                        .filter(n -> n.result() == DeliveryResult.SKIPPED)
                        .count());
        assertEquals(
                0,
                h.readAudit().stream()
                        .filter(a -> a.action().equals("page-held"))
                        .count());
    }

    @Test
    void aDrDecisionAtTwoInTheMorningPagesAtOnce() {
        startAt(SYDNEY_0200);
        h.publish(
                EscalationHarness.decision(
                        "dec-1", DecisionState.OPEN, 0, 1, SYDNEY_0200, SYDNEY_0200.plusSeconds(3600)),
                EventTypes.DECISION);
        h.advanceTo(SYDNEY_0200.plusSeconds(60));
        assertEquals(List.of("2026-11-23T15:00:00Z priya teams [decision-needed] [dec-1.l1.r0]"), h.deliveredLines());
    }

    @Test
    void maintenanceThatEndsBeforeTheMorningIsToldOnceAtEightWithItsResolution() {
        startAt(SYDNEY_0200);
        h.publish(incident("maint-3", Severity.SEV4, MAINTENANCE, SYDNEY_0200, 1, IncidentState.OPEN));
        h.advanceTo(SYDNEY_0200.plusSeconds(20 * 60));
        // Finished: still maintenance only (the correlator keeps saying so), so still told in working hours.
        h.publish(incident(
                "maint-3",
                Severity.SEV4,
                "The provider reports no ongoing impact.",
                SYDNEY_0200,
                2,
                IncidentState.RESOLVED));
        h.advanceTo(SYDNEY_0800.plusSeconds(60));
        assertEquals(
                List.of(
                        "2026-11-23T15:00:00Z lee email [incident-opened] [maint-3.l1.r0]",
                        "2026-11-23T15:20:00Z lee email [incident-resolved] [maint-3.l1.r0]",
                        "2026-11-23T21:00:00Z ann webhook [incident-opened, incident-resolved] [maint-3.l1.r0, "
                                + "maint-3.l1.r0]"),
                h.deliveredLines());
    }
}
