package dev.stormwatch.correlator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.RecordChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The open-work counts follow each change of an incident or a decision by what it was before and what it is now, and
 * come out as a count of everything open would give them; a platform tracked again is counted from scratch.
 */
class OpenWorkTest {

    static final String PLATFORM = "contoso";
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void afterEveryChangeTheCountsAreWhatCountingEverythingOpenGives() {
        SplittableRandom rnd = new SplittableRandom(20261207L);
        OpenWork open = new OpenWork();
        Map<String, IncidentRecord> incidents = new LinkedHashMap<>();
        Map<String, DecisionRecord> decisions = new LinkedHashMap<>();
        RecordChanges changes = open.track(PLATFORM, incidents.values(), decisions.values());
        int withDeadline = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(100);
            if (op < 45) {
                String id = "inc-" + rnd.nextInt(60);
                IncidentRecord next = incident(
                        id,
                        IncidentState.values()[rnd.nextInt(IncidentState.values().length)],
                        Severity.values()[rnd.nextInt(Severity.values().length)],
                        rnd.nextInt(4) == 0);
                changes.incident(incidents.put(id, next), next);
            } else if (op < 90) {
                String id = "dec-" + rnd.nextInt(80);
                Instant deadline = rnd.nextInt(4) == 0 ? null : T.plus(Duration.ofMinutes(rnd.nextInt(30)));
                DecisionRecord next = decision(
                        id,
                        DecisionKind.values()[rnd.nextInt(DecisionKind.values().length)],
                        rnd.nextInt(3) == 0 ? DecisionState.APPROVED : DecisionState.OPEN,
                        deadline,
                        rnd.nextInt(4) == 0);
                changes.decision(decisions.put(id, next), next);
            } else if (op < 95 && !incidents.isEmpty()) {
                String id = List.copyOf(incidents.keySet()).get(rnd.nextInt(incidents.size()));
                changes.incident(incidents.remove(id), null);
            } else if (!decisions.isEmpty()) {
                String id = List.copyOf(decisions.keySet()).get(rnd.nextInt(decisions.size()));
                changes.decision(decisions.remove(id), null);
            }
            open.publish(PLATFORM);
            for (boolean drill : new boolean[] {false, true}) {
                OpenWork.Counts expected = recount(incidents.values(), decisions.values(), drill);
                assertEquals(expected, open.of(PLATFORM, drill), "step " + step + ", drill " + drill);
                withDeadline += expected.earliestDeadline().size();
            }
        }
        assertTrue(withDeadline > 20_000, "deadlines were open most of the time: " + withDeadline);
    }

    @Test
    void theEarliestDeadlineMovesOnWhenItsDecisionClosesAndStaysWhileAnotherSharesIt() {
        OpenWork open = new OpenWork();
        RecordChanges changes = open.track(PLATFORM, List.of(), List.of());
        Instant first = T.plus(Duration.ofMinutes(10));
        Instant second = T.plus(Duration.ofMinutes(20));
        DecisionRecord a = decision("a", DecisionKind.INVOKE_DR, DecisionState.OPEN, first, false);
        DecisionRecord b = decision("b", DecisionKind.INVOKE_DR, DecisionState.OPEN, first, false);
        DecisionRecord c = decision("c", DecisionKind.INVOKE_DR, DecisionState.OPEN, second, false);
        changes.decision(null, c);
        changes.decision(null, a);
        changes.decision(null, b);
        open.publish(PLATFORM);
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, first), open.of(PLATFORM, false).earliestDeadline());
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, 3L), open.of(PLATFORM, false).decisions());

        changes.decision(a, decision("a", DecisionKind.INVOKE_DR, DecisionState.APPROVED, first, false));
        open.publish(PLATFORM);
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, first), open.of(PLATFORM, false).earliestDeadline());

        changes.decision(b, decision("b", DecisionKind.INVOKE_DR, DecisionState.EXPIRED, first, false));
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, 2L), open.of(PLATFORM, false).decisions(), "not yet published");
        open.publish(PLATFORM);
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, second), open.of(PLATFORM, false).earliestDeadline());
        assertEquals(
                Map.of(DecisionKind.INVOKE_DR, 1L), open.of(PLATFORM, false).decisions());

        changes.decision(c, null);
        open.publish(PLATFORM);
        assertEquals(new OpenWork.Counts(Map.of(), Map.of(), Map.of()), open.of(PLATFORM, false));
    }

    @Test
    void aReleasedPlatformShowsNothingAndTrackingItAgainCountsWhatTheStoresHold() {
        OpenWork open = new OpenWork();
        List<String> announced = new ArrayList<>();
        open.onNewPlatform(announced::add);
        IncidentRecord sev1 = incident("i1", IncidentState.OPEN, Severity.SEV1, false);
        DecisionRecord invoke = decision("d1", DecisionKind.INVOKE_DR, DecisionState.OPEN, T, false);
        RecordChanges before = open.track(PLATFORM, List.of(sev1), List.of(invoke));
        assertEquals(Map.of(Severity.SEV1, 1L), open.of(PLATFORM, false).incidents());
        assertEquals(List.of(PLATFORM), announced);

        open.release(PLATFORM);
        assertEquals(new OpenWork.Counts(Map.of(), Map.of(), Map.of()), open.of(PLATFORM, false));
        before.incident(null, incident("i2", IncidentState.OPEN, Severity.SEV2, false));
        open.publish(PLATFORM);
        assertEquals(Map.of(), open.of(PLATFORM, false).incidents(), "a released platform's old view is not heard");

        // The task (re)initialised: the view read from the stores again, with what changed meanwhile.
        IncidentRecord mitigated = incident("i1", IncidentState.MITIGATED, Severity.SEV2, false);
        IncidentRecord drill = incident("drill-x", IncidentState.OPEN, Severity.SEV4, true);
        RecordChanges after = open.track(PLATFORM, List.of(mitigated, drill), List.of());
        assertEquals(new OpenWork.Counts(Map.of(Severity.SEV2, 1L), Map.of(), Map.of()), open.of(PLATFORM, false));
        assertEquals(new OpenWork.Counts(Map.of(Severity.SEV4, 1L), Map.of(), Map.of()), open.of(PLATFORM, true));
        after.incident(mitigated, incident("i1", IncidentState.RESOLVED, Severity.SEV2, false));
        open.publish(PLATFORM);
        assertEquals(Map.of(), open.of(PLATFORM, false).incidents());
        assertEquals(List.of(PLATFORM), announced, "a platform is announced once");
    }

    /** Every open incident and decision counted, as the gauges must show them. */
    static OpenWork.Counts recount(
            Iterable<IncidentRecord> incidents, Iterable<DecisionRecord> decisions, boolean drill) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (IncidentRecord r : incidents) {
            Incident i = r.incident();
            if (i.drill() == drill && (i.state() == IncidentState.OPEN || i.state() == IncidentState.MITIGATED)) {
                bySeverity.merge(i.severity(), 1L, Long::sum);
            }
        }
        Map<DecisionKind, Long> byKind = new EnumMap<>(DecisionKind.class);
        Map<DecisionKind, Instant> earliest = new EnumMap<>(DecisionKind.class);
        for (DecisionRecord r : decisions) {
            Decision d = r.decision();
            if (d.drill() == drill && d.isOpen()) {
                byKind.merge(d.kind(), 1L, Long::sum);
                if (d.deadline() != null) {
                    earliest.merge(d.kind(), d.deadline(), (x, y) -> x.isBefore(y) ? x : y);
                }
            }
        }
        return new OpenWork.Counts(Map.copyOf(bySeverity), Map.copyOf(byKind), Map.copyOf(earliest));
    }

    static IncidentRecord incident(String id, IncidentState state, Severity severity, boolean drill) {
        Incident incident = new Incident(
                id, PLATFORM, id, state, severity, List.of(), List.of(), List.of(), false, false, null, T, T, null,
                null, null, T, 1, drill, List.of());
        return new IncidentRecord(incident, List.of(), List.of(), null, false, false);
    }

    static DecisionRecord decision(String id, DecisionKind kind, DecisionState state, Instant deadline, boolean drill) {
        Decision decision = new Decision(
                id, PLATFORM, "inc-1", kind, state, id, null, List.of(), T, deadline, false, null, 0, null, null, null,
                null, drill, 1);
        return new DecisionRecord(decision, id, 1, false);
    }
}
