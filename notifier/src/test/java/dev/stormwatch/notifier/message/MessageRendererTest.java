package dev.stormwatch.notifier.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.notifier.page.Brief;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Qute templates, one per kind of message, rendered for a contact in Sydney. */
class MessageRendererTest {

    static final Instant NOW = Instant.parse("2026-06-09T02:00:00Z");
    static final Instant IMPACT = Instant.parse("2026-06-09T00:00:00Z");
    static final Contact PRIYA = new Contact(
            "priya",
            "Priya Natarajan",
            "DR lead",
            "Australia/Sydney",
            List.of(new ContactChannel("email", "priya@example.test", null)),
            null,
            List.of());
    final MessageRenderer renderer = new MessageRenderer();

    static MessageItem item(MessageKind kind, boolean ackable, boolean drill, Brief brief) {
        return new MessageItem(
                "i-" + kind,
                kind,
                "contoso",
                brief.subjectId(),
                brief.subjectId() + ".l1.r0",
                1,
                ackable,
                drill,
                "priya",
                "role:dr-lead → priya",
                NOW,
                brief);
    }

    static Brief decision(Instant deadline, boolean atRisk, List<String> changes) {
        return new Brief(
                "Contoso Data Platform",
                "dec-1",
                "Invoke DR for Contoso Data Platform?",
                "invoke-dr",
                "open",
                List.of(),
                List.of("Australia East"),
                IMPACT,
                Duration.ofHours(8),
                deadline,
                atRisk,
                "Warm spare: start the runbook",
                List.of("fail over", "wait for Microsoft"),
                changes,
                null);
    }

    String text(MessageItem item) {
        return renderer.render(List.of(item), PRIYA, NOW, i -> "http://n/ack/T").text();
    }

    @Test
    void decisionNeededSaysTheTimeLeftInTheirZoneAndUtc() {
        assertEquals(
                """
                A DR decision is needed for Contoso Data Platform: Invoke DR for Contoso Data Platform?.
                Decide by: Tue 9 Jun 14:40 AEST, 04:40 UTC, 2h40m left
                Recommendation: Warm spare: start the runbook
                Options: fail over; wait for Microsoft
                Impacted components: none named
                Region: Australia East
                RTO clock: 2h of the 8h RTO gone, 6h left (until Tue 9 Jun 18:00 AEST, 08:00 UTC)
                You are paged at escalation level 1. Why you: role:dr-lead → priya
                Decide in the Stormwatch dashboard (approve or decline, with evidence).
                Acknowledge that you are on it (stops the escalation, not the deadline): http://n/ack/T""",
                text(item(
                        MessageKind.DECISION_NEEDED,
                        true,
                        false,
                        decision(Instant.parse("2026-06-09T04:40:00Z"), false, List.of()))));
    }

    @Test
    void aReminderPastItsDeadlineSaysSoAndThatTheRtoIsAtRisk() {
        assertEquals(
                """
                Reminder: the DR decision "Invoke DR for Contoso Data Platform?" for Contoso Data Platform is still \
                open.
                reminder 2; RTO at risk
                Decide by: Tue 9 Jun 11:50 AEST, 01:50 UTC, passed 10m ago
                The RTO is at risk.
                Recommendation: Warm spare: start the runbook
                RTO clock: 2h of the 8h RTO gone, 6h left (until Tue 9 Jun 18:00 AEST, 08:00 UTC)""",
                text(item(
                        MessageKind.DECISION_REMINDER,
                        false,
                        false,
                        decision(Instant.parse("2026-06-09T01:50:00Z"), true, List.of("reminder 2", "RTO at risk")))));
    }

    @Test
    void anIncidentPastItsRtoSaysByHowMuch() {
        Brief late = new Brief(
                "Contoso Data Platform",
                "inc-1",
                "Storage outage",
                "sev1",
                "open",
                List.of("ADLS raw zone"),
                List.of("australiaeast"),
                Instant.parse("2026-06-08T17:00:00Z"),
                Duration.ofHours(8),
                null,
                false,
                null,
                List.of(),
                List.of(),
                null);
        assertEquals(
                "RTO of 8h exceeded by 1h (it ended Tue 9 Jun 11:00 AEST, 01:00 UTC)",
                MessageRenderer.rtoClock(late, NOW, java.time.ZoneId.of("Australia/Sydney")));
    }

    @Test
    void aHandoverSaysTheDataTimestampAndADrillSaysItIsOne() {
        Brief handover = new Brief(
                "Contoso Data Platform",
                "ho-1",
                "Power BI reports recovered in australiasoutheast",
                null,
                "dr-complete",
                List.of("Power BI reports"),
                List.of("australiasoutheast"),
                null,
                null,
                null,
                false,
                null,
                List.of(),
                List.of(),
                "Data is current to 2026-06-09T01:30:00Z. You may start your own recovery.");
        RenderedMessage m =
                renderer.render(List.of(item(MessageKind.HANDOVER, false, true, handover)), PRIYA, NOW, i -> "x");
        assertEquals("[DRILL] Handover: Power BI reports recovered in australiasoutheast", m.title());
        assertEquals("""
                DR drill \u2014 a rehearsal, not an outage. No customer impact.
                Handover from Contoso Data Platform: Power BI reports recovered in australiasoutheast.
                Data is current to 2026-06-09T01:30:00Z. You may start your own recovery.
                Why you: role:dr-lead → priya""", m.text());
        assertNull(m.items().get(0).ackUrl());
    }

    @Test
    void severalItemsFoldIntoOneDigest() {
        Brief incident = new Brief(
                "Contoso Data Platform",
                "inc-1",
                "Storage outage",
                "sev2",
                "mitigated",
                List.of("ADLS raw zone"),
                List.of("australiaeast"),
                IMPACT,
                Duration.ofHours(8),
                null,
                false,
                null,
                List.of(),
                List.of("state open → mitigated"),
                null);
        RenderedMessage m = renderer.render(
                List.of(
                        item(MessageKind.INCIDENT_UPDATED, true, false, incident),
                        item(MessageKind.INCIDENT_RESOLVED, false, false, incident)),
                PRIYA,
                NOW,
                i -> "http://n/ack/T");
        assertEquals("2 notifications from Contoso Data Platform", m.title());
        assertEquals("""
                2 notifications for Priya Natarajan, folded into one message:

                1. Updated: Storage outage
                Update on Contoso Data Platform: Storage outage.
                What changed: state open → mitigated
                Severity sev2, mitigated.
                Impacted components: ADLS raw zone
                Region: australiaeast
                RTO clock: 2h of the 8h RTO gone, 6h left (until Tue 9 Jun 18:00 AEST, 08:00 UTC)
                Not acknowledged yet. Acknowledge: http://n/ack/T

                2. Resolved: Storage outage
                Resolved on Contoso Data Platform: Storage outage.
                The incident is mitigated; escalation has stopped.
                Impacted components were: ADLS raw zone
                Region: australiaeast
                RTO clock at resolution: 2h of the 8h RTO gone, 6h left (until Tue 9 Jun 18:00 AEST,\
                 08:00 UTC)""", m.text());
    }
}
