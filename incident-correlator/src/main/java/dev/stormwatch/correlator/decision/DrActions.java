package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.correlator.handover.HandoverPlan;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What the DR flow and the drills do the same way: raise a decision, note on the incident's timeline, hand over. */
public final class DrActions {

    private DrActions() {}

    /** Hands every component over in dependency order; shared with the drills. */
    public static void handOver(
            PlatformWork work,
            IncidentDraft incident,
            HandoverReason reason,
            String region,
            Function<String, Instant> dataTimestamp) {
        CatalogView c = work.catalog();
        String incidentId = incident == null ? work.run().episodeIncidentId() : incident.id();
        boolean drill = incident != null && incident.drill();
        List<Handover> handovers =
                HandoverPlan.of(c, reason, c.regionName(region), dataTimestamp, incidentId, work.now(), drill);
        handovers.forEach(work::handover);
        note(
                work,
                incident,
                "Handed over to downstream teams (" + reason.wire() + ", " + c.regionName(region) + "): "
                        + handovers.size() + " components in dependency order",
                null);
        work.audit(
                "handover",
                incidentId,
                reason.wire() + " in " + c.regionName(region) + ": " + String.join(", ", c.runOrder()),
                drill);
    }

    /** Writes a new decision with its timeline entry and audit line. */
    public static void raise(PlatformWork work, IncidentDraft incident, DecisionRecord record, String what) {
        work.decision(record);
        note(work, incident, what, record.id());
        Decision d = record.decision();
        work.audit(
                "decision-raised",
                d.id(),
                d.kind().wire() + ": " + d.title() + (d.deadline() == null ? "" : "; deadline " + d.deadline()),
                d.drill());
    }

    public static void note(PlatformWork work, IncidentDraft incident, String what, String cause) {
        if (incident != null) {
            incident.note(work.now(), what, cause);
            if (cause != null) {
                incident.cause(cause);
            }
        }
    }

    /** The open decisions of a kind of an incident, oldest first. */
    public static List<DecisionRecord> openOf(PlatformWork work, DecisionKind kind, String incidentId) {
        List<DecisionRecord> out = new ArrayList<>();
        for (DecisionRecord r : work.view().decisions()) {
            Decision d = r.decision();
            if (d.isOpen() && d.kind() == kind && Objects.equals(d.incidentId(), incidentId)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing((DecisionRecord r) -> r.decision().raisedAt())
                .thenComparing(DecisionRecord::id));
        return out;
    }
}
