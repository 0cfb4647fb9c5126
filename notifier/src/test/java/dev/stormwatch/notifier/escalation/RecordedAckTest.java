package dev.stormwatch.notifier.escalation;

import static dev.stormwatch.notifier.escalation.EscalationHarness.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.page.Ack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An acknowledgement written to its topic before the next level is due stops that level even while its record is still
 * on its way through the stream, as after a restart: the timers fire at the first tick, the acknowledgements made
 * before the crash come through the repartition a transaction later. The harness's {@code recorded} stands for what the
 * acknowledge service has read from the topic; the driver's wall clock is the only clock. Catalog
 * catalogs/escalation.yaml: level 1 alex at once, level 2 priya and raj 15 minutes later.
 */
class RecordedAckTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final Catalog CATALOG = EscalationHarness.catalog("/catalogs/escalation.yaml");
    static final String LEVEL_ONE = "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]";

    EscalationHarness h;

    @BeforeEach
    void start() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage"), 1, T0));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static Instant t(String offset) {
        return T0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    @Test
    void anAcknowledgementRecordedBeforeTheNextLevelStopsItBeforeItsRecordComesThrough() {
        h.advanceTo(t("5m"));
        Ack alex = new Ack("inc-1.l1.r0", "inc-1", "alex", "alex", "link", t("5m"));
        h.recorded.acks.put(alex.pageId(), alex);
        h.advanceTo(t("2h"));

        assertEquals(List.of(LEVEL_ONE), h.deliveredLines(), "nobody is paged after alex acknowledged");
        assertEquals(
                List.of("inc-1.l1.r0 alex"),
                h.readNotifications().stream()
                        .map(n -> n.pageId() + " " + n.contactId())
                        .toList());
        assertEquals(
                List.of(new AuditRecord(
                        "esc-platform",
                        t("15m"),
                        "notifier",
                        "page-acknowledged",
                        "inc-1",
                        "page inc-1.l1.r0 acknowledged by alex via link at 2026-06-09T00:05:00Z: escalation stopped at"
                                + " level 1 of pass 0 (recorded before the next level was due at"
                                + " 2026-06-09T00:15:00Z; applied ahead of its turn in the stream)",
                        false)),
                acknowledgements());

        // The record itself comes through later: it was applied already, so it changes nothing and says nothing more.
        h.ack(alex);
        h.advanceTo(t("3h"));
        assertEquals(List.of(LEVEL_ONE), h.deliveredLines());
        assertEquals(List.of(), h.readAudit());
        assertEquals(List.of(), h.readNotifications());
    }

    @Test
    void untilTheRecordedAcknowledgementsAreReadNoLevelGoesOutThenTheAcknowledgementStopsIt() {
        h.advanceTo(t("5m"));
        // A restart: the ledger of acknowledgements is being read again while level 2 comes due.
        h.recorded.caughtUp = false;
        h.advanceTo(t("20m"));
        assertEquals(List.of(LEVEL_ONE), h.deliveredLines(), "level 2 waits for the acknowledgements to be read");

        Ack alex = new Ack("inc-1.l1.r0", "inc-1", "alex", "alex", "link", t("5m"));
        h.recorded.acks.put(alex.pageId(), alex);
        h.recorded.caughtUp = true;
        h.advanceTo(t("20m1s"), Duration.ofSeconds(1));
        h.advanceTo(t("2h"));

        assertEquals(List.of(LEVEL_ONE), h.deliveredLines());
        List<AuditRecord> acked = acknowledgements();
        assertEquals(1, acked.size());
        assertEquals(t("20m1s"), acked.get(0).at());
    }

    @Test
    void withoutARecordedAcknowledgementTheHeldLevelGoesOutOnceTheyAreRead() {
        h.advanceTo(t("5m"));
        h.recorded.caughtUp = false;
        h.advanceTo(t("20m"));
        h.recorded.caughtUp = true;
        h.advanceTo(t("20m1s"));

        assertEquals(
                List.of(
                        LEVEL_ONE,
                        "2026-06-09T00:20:01Z priya webhook [incident-opened] [inc-1.l2.r0]",
                        "2026-06-09T00:20:01Z raj teams [incident-opened] [inc-1.l2.r0]"),
                h.deliveredLines().stream().sorted().toList());
    }

    @Test
    void anAcknowledgementOfAnEarlierPageWithTheSameIdDoesNotStopThisOne() {
        // A page id comes back when a subject's page was purged and opened again: the older acknowledgement is not of
        // this page.
        Ack old = new Ack("inc-1.l1.r0", "inc-1", "alex", "alex", "link", T0.minus(Duration.ofDays(20)));
        h.recorded.acks.put(old.pageId(), old);
        h.advanceTo(t("15m"));

        assertEquals(
                List.of(
                        LEVEL_ONE,
                        "2026-06-09T00:15:00Z priya webhook [incident-opened] [inc-1.l2.r0]",
                        "2026-06-09T00:15:00Z raj teams [incident-opened] [inc-1.l2.r0]"),
                h.deliveredLines().stream().sorted().toList());
        assertEquals(List.of(), acknowledgements());
    }

    @Test
    void anAcknowledgementOfAPageNobodyKnowsIsAuditedWithItsReason() {
        h.advanceTo(t("1m"));
        h.ack("inc-9.l1.r0", "inc-9", "alex", "alex");

        List<AuditRecord> ignored = h.readAudit().stream()
                .filter(a -> a.action().equals("ack-ignored"))
                .toList();
        assertEquals(
                List.of(new AuditRecord(
                        "unknown",
                        t("1m"),
                        "notifier",
                        "ack-ignored",
                        "inc-9",
                        "acknowledgement of unknown page inc-9.l1.r0 by alex",
                        false)),
                ignored);
    }

    private List<AuditRecord> acknowledgements() {
        return h.readAudit().stream()
                .filter(a -> a.action().equals("page-acknowledged"))
                .toList();
    }
}
