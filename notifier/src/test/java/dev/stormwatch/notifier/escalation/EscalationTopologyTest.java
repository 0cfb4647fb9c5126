package dev.stormwatch.notifier.escalation;

import static dev.stormwatch.notifier.escalation.EscalationHarness.decision;
import static dev.stormwatch.notifier.escalation.EscalationHarness.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.delivery.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who is paged at which instant: the escalation topology driven by a controllable clock (the test driver's wall clock),
 * catalog catalogs/escalation.yaml. T0 is Tuesday 9 June 2026 10:00 in Sydney, alex's on-call week.
 */
class EscalationTopologyTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final Catalog CATALOG = EscalationHarness.catalog("/catalogs/escalation.yaml");

    EscalationHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private EscalationHarness started() {
        h = new EscalationHarness(T0);
        h.publishCatalog(CATALOG, "catalog-1");
        return h;
    }

    private static Instant t(String offset) {
        return T0.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    @Test
    void levelOneAtOnceThenEachLevelAfterItsDelayThenOneRepeatThenStop() {
        started();
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("14m59s"));
        assertDelivered("2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]");

        h.advanceTo(t("3h"));
        assertDelivered(
                "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]",
                "2026-06-09T00:15:00Z priya webhook [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:15:00Z raj teams [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:30:00Z tom email [incident-opened] [inc-1.l3.r0]",
                "2026-06-09T00:30:00Z fiona slack [incident-opened] [inc-1.l3.r0]",
                // level 3 waits 30m, then the policy repeats once (repeat: 1)
                "2026-06-09T01:00:00Z alex webhook [incident-opened] [inc-1.l1.r1]",
                "2026-06-09T01:15:00Z priya webhook [incident-opened] [inc-1.l2.r1]",
                "2026-06-09T01:15:00Z raj teams [incident-opened] [inc-1.l2.r1]",
                "2026-06-09T01:30:00Z tom email [incident-opened] [inc-1.l3.r1]",
                "2026-06-09T01:30:00Z fiona slack [incident-opened] [inc-1.l3.r1]");

        List<Notification> notes = h.readNotifications();
        assertEquals(10, notes.size());
        Notification first = notes.get(0);
        assertEquals(
                new Notification(
                        "inc-1.l1.r0",
                        "esc-platform",
                        "inc-1",
                        "incident-opened",
                        1,
                        "alex",
                        "webhook",
                        "http://127.0.0.1:9/***",
                        1,
                        DeliveryResult.DELIVERED,
                        null,
                        T0,
                        false),
                first);
        List<AuditRecord> audit = h.readAudit();
        assertEquals(
                1,
                audit.stream()
                        .filter(a -> a.action().equals("escalation-exhausted"))
                        .count());
        AuditRecord exhausted = audit.stream()
                .filter(a -> a.action().equals("escalation-exhausted"))
                .findFirst()
                .orElseThrow();
        assertEquals(t("2h"), exhausted.at());
        assertEquals("every level of platform-default paged 2 time(s) without an acknowledgement", exhausted.detail());
    }

    @Test
    void anAcknowledgementStopsTheEscalation() {
        started();
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage"), 1, T0));
        h.advanceTo(t("5m"));
        h.ack("inc-1.l1.r0", "inc-1", "alex", "alex");
        h.advanceTo(t("2h"));
        assertDelivered("2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]");
        AuditRecord acked = h.readAudit().stream()
                .filter(a -> a.action().equals("page-acknowledged"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "page inc-1.l1.r0 acknowledged by alex via link at 2026-06-09T00:05:00Z: escalation stopped at level 1"
                        + " of pass 0",
                acked.detail());
        assertEquals("esc-platform", acked.platformId());
    }

    @Test
    void aResolvedIncidentClosesThePageAndTellsEveryonePaged() {
        started();
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("20m"));
        h.publish(incident("inc-1", IncidentState.RESOLVED, Severity.SEV1, List.of("storage"), 2, T0));
        h.advanceTo(t("3h"));
        assertDelivered(
                "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]",
                "2026-06-09T00:15:00Z priya webhook [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:15:00Z raj teams [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:20:00Z alex webhook [incident-resolved] [inc-1.l1.r0]",
                "2026-06-09T00:20:00Z priya webhook [incident-resolved] [inc-1.l2.r0]",
                "2026-06-09T00:20:00Z raj teams [incident-resolved] [inc-1.l2.r0]");
        assertTrue(h.delivered.get(3).message().text().startsWith("Resolved on Escalation test platform"));
    }

    @Test
    void aDuplicateUpdateDoesNotRepageWhoAcknowledgedButASeverityIncreaseDoes() {
        started();
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV3, List.of("storage"), 1, T0));
        h.advanceTo(t("2m"));
        h.ack("inc-1.l1.r0", "inc-1", "alex", "alex");
        h.advanceTo(t("5m"));
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV3, List.of("storage"), 2, T0)); // same content
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV3, List.of("storage"), 2, T0)); // redelivered
        h.advanceTo(t("10m"));
        assertEquals(1, h.delivered.size(), "a duplicate update pages nobody");

        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 3, T0));
        h.advanceTo(t("26m"));
        assertDelivered(
                "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]",
                // a new run: new page ids, level 1 again, alex must acknowledge again
                "2026-06-09T00:10:00Z alex webhook [incident-opened] [inc-1.l1.r1]",
                "2026-06-09T00:25:00Z priya webhook [incident-opened] [inc-1.l2.r1]",
                "2026-06-09T00:25:00Z raj teams [incident-opened] [inc-1.l2.r1]");
        assertTrue(
                h.delivered.get(1).message().text().contains("What changed: severity raised from sev3 to sev1"),
                h.delivered.get(1).message().text());
        // The old page's acknowledgement does not stop the new run.
        h.ack("inc-1.l1.r0", "inc-1", "alex", "alex");
        h.advanceTo(t("40m"));
        assertEquals(6, h.delivered.size());
        assertTrue(h.readAudit().stream()
                .anyMatch(a -> a.action().equals("ack-ignored") && a.detail().contains("belongs to an earlier run")));
    }

    @Test
    void aBurstOfUpdatesIsFoldedIntoOneMessagePerContact() {
        started();
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage"), 1, T0));
        h.advanceTo(t("10s"));
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV2, List.of("storage", "power-bi"), 2, T0));
        h.advanceTo(t("20s"));
        h.publish(incident("inc-1", IncidentState.MITIGATED, Severity.SEV2, List.of("storage", "power-bi"), 3, T0));
        h.advanceTo(t("30s"));
        h.publish(incident("inc-1", IncidentState.MITIGATED, Severity.SEV3, List.of("storage", "power-bi"), 4, T0));
        h.advanceTo(t("2m"));
        assertDelivered(
                "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]",
                // one message at the end of the 60 s window, folding the three updates
                "2026-06-09T00:01:00Z alex webhook [incident-updated, incident-updated, incident-updated]"
                        + " [inc-1.l1.r0, inc-1.l1.r0, inc-1.l1.r0]");
        String text = h.delivered.get(1).message().text();
        assertTrue(text.startsWith("3 notifications for Alex Murphy, folded into one message:"), text);
        assertTrue(text.contains("What changed: components added: power-bi"), text);
        assertTrue(text.contains("What changed: state open → mitigated"), text);
        assertTrue(text.contains("What changed: severity sev2 → sev3"), text);
        assertEquals(4, h.readNotifications().size(), "one notification per item per attempt");
    }

    @Test
    void aFailingChannelIsRetriedWithBackoffThenTheContactsNextChannelIsUsed() {
        NotifierSettings settings = new NotifierSettings(
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                "dr-decisions",
                Duration.ofDays(7),
                Duration.ofSeconds(60),
                3,
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.2),
                256);
        h = new EscalationHarness(T0, settings, new DestinationPolicy(List.of("127.0.0.0/8"), true));
        h.publishCatalog(CATALOG, "catalog-1");
        h.channels.get("webhook").answer = m -> m.contact().id().equals("priya")
                ? ChannelResult.retry("HTTP 503: receiver down")
                : ChannelResult.delivered("HTTP 200");
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("15m"));
        h.advanceTo(t("15m20s"), Duration.ofMillis(100));
        List<EscalationHarness.Delivered> priya =
                h.delivered.stream().filter(d -> d.contactId().equals("priya")).toList();
        assertEquals(
                List.of("webhook", "webhook", "webhook", "email"),
                priya.stream().map(d -> d.channel()).toList());
        assertEquals(List.of(1, 2, 3, 1), priya.stream().map(d -> d.attempt()).toList());
        Instant a1 = priya.get(0).at();
        Instant a2 = priya.get(1).at();
        Instant a3 = priya.get(2).at();
        assertEquals(t("15m"), a1);
        // 2 s then 4 s, each ±20 % jitter, at the tick's 100 ms resolution
        assertBetween(Duration.between(a1, a2), Duration.ofMillis(1600), Duration.ofMillis(2500));
        assertBetween(Duration.between(a2, a3), Duration.ofMillis(3200), Duration.ofMillis(4900));
        assertEquals(a3, priya.get(3).at(), "the next channel is tried at once");
        assertEquals(
                priya.get(0).deliveryId(), priya.get(3).deliveryId(), "one delivery id across attempts and channels");

        List<Notification> forPriya = h.readNotifications().stream()
                .filter(n -> n.contactId().equals("priya"))
                .toList();
        assertEquals(
                List.of(
                        "webhook FAILED 1 HTTP 503: receiver down",
                        "webhook FAILED 2 HTTP 503: receiver down",
                        "webhook FAILED 3 HTTP 503: receiver down",
                        "email DELIVERED 1 null"),
                forPriya.stream()
                        .map(n -> n.channel() + " " + n.result().name() + " " + n.attempt() + " " + n.error())
                        .toList());
        List<AuditRecord> failures = h.readAudit().stream()
                .filter(a -> a.action().equals("page-delivery-failed"))
                .toList();
        assertEquals(3, failures.size());
        assertEquals(
                "incident-opened level 2 page inc-1.l2.r0 to priya via webhook http://127.0.0.1:9/***, attempt 1:"
                        + " failed: HTTP 503: receiver down",
                failures.get(0).detail());
    }

    @Test
    void aRefusedChannelGoesToTheNextChannelWithoutRetries() {
        started();
        h.channels.get("webhook").answer = m -> ChannelResult.refused("HTTP 404");
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("15m"));
        assertDelivered(
                "2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]",
                "2026-06-09T00:15:00Z priya webhook [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:15:00Z priya email [incident-opened] [inc-1.l2.r0]",
                "2026-06-09T00:15:00Z raj teams [incident-opened] [inc-1.l2.r0]");
        // alex has one channel only: undeliverable, recorded as such; escalation went on regardless.
        assertTrue(h.readAudit().stream()
                .anyMatch(a -> a.action().equals("page-undeliverable")
                        && a.detail()
                                .equals("incident-opened page inc-1.l1.r0 could not reach alex: every channel of alex "
                                        + "failed; last: HTTP 404")));
    }

    @Test
    void aDecisionUsesTheDecisionPolicyAndClosesWhenTaken() {
        started();
        h.publish(decision("dec-1", DecisionState.OPEN, 0, 1, T0, t("4h")), EventTypes.DECISION);
        h.advanceTo(t("12m"));
        h.publish(decision("dec-1", DecisionState.OPEN, 1, 2, T0, t("4h")), EventTypes.DECISION);
        h.advanceTo(t("15m"));
        h.publish(decision("dec-1", DecisionState.APPROVED, 1, 2, T0, t("4h")), EventTypes.DECISION_TAKEN);
        h.advanceTo(t("2h"));
        assertDelivered(
                "2026-06-09T00:00:00Z priya webhook [decision-needed] [dec-1.l1.r0]",
                "2026-06-09T00:10:00Z tom email [decision-needed] [dec-1.l2.r0]",
                "2026-06-09T00:10:00Z raj teams [decision-needed] [dec-1.l2.r0]",
                // reminder and closing are not urgent; each comes more than 60 s after the person's last message
                "2026-06-09T00:12:00Z priya webhook [decision-reminder] [dec-1.l1.r0]",
                "2026-06-09T00:12:00Z tom email [decision-reminder] [dec-1.l2.r0]",
                "2026-06-09T00:12:00Z raj teams [decision-reminder] [dec-1.l2.r0]",
                "2026-06-09T00:15:00Z priya webhook [decision-closed] [dec-1.l1.r0]",
                "2026-06-09T00:15:00Z tom email [decision-closed] [dec-1.l2.r0]",
                "2026-06-09T00:15:00Z raj teams [decision-closed] [dec-1.l2.r0]");
        String needed = h.delivered.get(0).message().text();
        assertTrue(needed.contains("Decide by: Tue 9 Jun 14:00 AEST, 04:00 UTC, 4h left"), needed);
        assertTrue(needed.contains("Recommendation: Warm spare: start the runbook"), needed);
    }

    @Test
    void leaveOnTheDayOfThePageSendsTheBackup() {
        Instant christmas = Instant.parse("2026-12-23T00:00:00Z"); // priya on leave 22 Dec – 2 Jan (Sydney)
        h = new EscalationHarness(christmas);
        h.publishCatalog(CATALOG, "catalog-1");
        h.publish(incident("inc-9", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, christmas));
        h.advanceTo(christmas.plus(Duration.ofMinutes(15)));
        assertDelivered(
                "2026-12-23T00:00:00Z alex webhook [incident-opened] [inc-9.l1.r0]",
                "2026-12-23T00:15:00Z tom email [incident-opened] [inc-9.l2.r0]",
                "2026-12-23T00:15:00Z raj teams [incident-opened] [inc-9.l2.r0]");
        String toTom = h.delivered.stream()
                .filter(d -> d.contactId().equals("tom"))
                .findFirst()
                .orElseThrow()
                .message()
                .text();
        assertTrue(
                toTom.contains("Why you: role:dr-lead → priya; priya on leave 2026-12-22 to 2027-01-02; backup tom"),
                toTom);
    }

    @Test
    void anIncidentBeforeItsCatalogIsPagedWhenTheCatalogArrives() {
        h = new EscalationHarness(T0);
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("1m"));
        assertEquals(List.of(), h.deliveredLines());
        h.publishCatalog(CATALOG, "catalog-1");
        h.advanceTo(t("1m1s"));
        assertDelivered("2026-06-09T00:01:01Z alex webhook [incident-opened] [inc-1.l1.r0]");
        assertTrue(h.readAudit().stream().anyMatch(a -> a.action().equals("page-waiting")));
    }

    @Test
    void aCatalogPointingAtAnAddressTheConfigurationDoesNotAllowIsRefused() {
        h = new EscalationHarness(T0, TestConfigs.settings(), new DestinationPolicy(List.of(), true));
        h.publishCatalog(CATALOG, "catalog-internal"); // its channels point at 127.0.0.1, not allowed here
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("20m"));
        assertEquals(List.of(), h.deliveredLines(), "nobody is called at an address the configuration does not allow");
        AuditRecord refused = h.readAudit().stream()
                .filter(a -> a.action().equals("catalog-refused"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                refused.detail()
                        .contains("contacts[0].channels[0] (alex, webhook): 127.0.0.1 resolves to internal"
                                + " address 127.0.0.1, which the destination allow-list does not allow"),
                refused.detail());
    }

    @Test
    void aRefusedCatalogLeavesTheLastAcceptedOneInUse() {
        h = new EscalationHarness(T0, TestConfigs.settings(), new DestinationPolicy(List.of("127.0.0.0/8"), true));
        h.publishCatalog(CATALOG, "catalog-1");
        Catalog tampered = EscalationHarness.catalog("/catalogs/escalation-metadata-endpoint.yaml");
        h.publishCatalog(tampered, "catalog-2");
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(t("1m"));
        assertDelivered("2026-06-09T00:00:00Z alex webhook [incident-opened] [inc-1.l1.r0]");
        AuditRecord refused = h.readAudit().stream()
                .filter(a -> a.action().equals("catalog-refused"))
                .findFirst()
                .orElseThrow();
        assertTrue(refused.detail().contains("169.254.169.254"), refused.detail());
    }

    @Test
    void aHandoverTellsTheDownstreamContactsOnce() {
        started();
        Handover handover = new Handover(
                "ho-1",
                "esc-platform",
                "power-bi",
                "Power BI reports",
                "australiasoutheast",
                Instant.parse("2026-06-09T03:00:00Z"),
                List.of(),
                1,
                HandoverReason.values()[0],
                "inc-1",
                T0,
                false);
        h.publish(handover);
        h.publish(handover); // redelivered
        h.advanceTo(t("1m"));
        assertDelivered("2026-06-09T00:00:00Z downstream-ops email [handover] [ho-1.handover]");
        assertTrue(h.delivered.get(0).message().text().contains("Data is current to 2026-06-09T03:00:00Z"));
    }

    @Test
    void unreadableInputIsRefusedWithItsReasonAndPositionAndPagingGoesOn() {
        started();
        h.incidents.pipeInput("garbage", "{not json", T0);
        h.publish(incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        AuditRecord rejected = h.readAudit().stream()
                .filter(a -> a.action().equals("input-rejected"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                rejected.detail().startsWith("input refused at " + Topics.INCIDENTS.name() + "-"), rejected.detail());
        assertTrue(rejected.detail().contains("(key garbage): not a CloudEvent"), rejected.detail());
        assertTrue(rejected.detail().endsWith("payload: {not json"), rejected.detail());
        assertEquals(1, h.delivered.size());
    }

    @Test
    void aStepStartIsNoInputToRefuse() {
        started();
        StepStarted start = new StepStarted("step-1", "esc-platform", "dr-lead", T0, "dashboard");
        h.decisions.pipeInput(
                "step-1",
                JsonCodec.toJson(JsonCodec.envelope(
                        "step-started:step-1:1",
                        EventTypes.STEP_STARTED,
                        "/stormwatch/status-api",
                        "step-1",
                        T0,
                        false,
                        start)),
                T0);
        assertEquals(
                List.of(),
                h.readAudit().stream()
                        .filter(a -> a.action().equals("input-rejected"))
                        .map(AuditRecord::detail)
                        .toList());
        assertEquals(0, h.delivered.size());
    }

    /** What the channels were handed, compared as sorted lines: the order within one instant is not part of it. */
    private void assertDelivered(String... expected) {
        assertEquals(
                java.util.Arrays.stream(expected).sorted().toList(),
                h.deliveredLines().stream().sorted().toList());
    }

    private static void assertBetween(Duration actual, Duration min, Duration max) {
        assertTrue(
                actual.compareTo(min) >= 0 && actual.compareTo(max) <= 0,
                actual + " is not between " + min + " and " + max);
    }
}
