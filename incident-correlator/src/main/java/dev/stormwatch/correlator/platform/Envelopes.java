package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.status.ComponentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The CloudEvents the correlator writes. Ids are derived from the content (entity id and version, or a digest), so that
 * re-processing the same input after a failure writes the same ids and consumers drop the repeat.
 */
public final class Envelopes {

    public static final String SOURCE = "/stormwatch/incident-correlator";
    public static final String ACTOR = "incident-correlator";

    private Envelopes() {}

    public static Outbound incident(Incident i) {
        return new Outbound(
                Topics.INCIDENTS,
                i.id(),
                Envelope.of(
                        "incident-" + i.id() + "-v" + i.version(),
                        Events.INCIDENT,
                        SOURCE,
                        i.id(),
                        i.updatedAt(),
                        i.drill(),
                        i));
    }

    public static Outbound decision(Decision d, Instant at) {
        return new Outbound(
                Topics.DR_DECISIONS,
                d.id(),
                Envelope.of(
                        "decision-" + d.id() + "-v" + d.version(), Events.DECISION, SOURCE, d.id(), at, d.drill(), d));
    }

    /**
     * The id digests the status's content as text rather than as its JSON: the JSON is written once more by the sink,
     * and a status is the most frequent record (a change upstream fans out to every dependent). Regions in name order,
     * so that the same content gets the same id in every JVM.
     */
    public static Outbound status(ComponentStatus s, boolean drill) {
        StringBuilder content = new StringBuilder(256)
                .append(s.platformId())
                .append('|')
                .append(s.componentId())
                .append('|')
                .append(s.componentName())
                .append('|')
                .append(s.layer())
                .append('|')
                .append(s.state())
                .append('|');
        new TreeMap<>(s.regions())
                .forEach((region, state) ->
                        content.append(region).append('=').append(state).append(','));
        content.append('|')
                .append(s.causes())
                .append(s.moreCauses() ? "+" : "")
                .append('|')
                .append(s.upstream())
                .append('|')
                .append(s.incidentId())
                .append('|')
                .append(s.since())
                .append('|')
                .append(s.updatedAt());
        String id = "status-" + s.key() + "-" + digest(content.toString().getBytes(StandardCharsets.UTF_8));
        return new Outbound(
                Topics.COMPONENT_STATUS,
                s.key(),
                Envelope.of(id, Events.COMPONENT_STATUS, SOURCE, s.key(), s.updatedAt(), drill, s));
    }

    public static Outbound handover(Handover h) {
        String key = ComponentStatus.key(h.platformId(), h.componentId());
        return new Outbound(
                Topics.HANDOVERS,
                key,
                Envelope.of("handover-" + h.id(), Events.HANDOVER, SOURCE, key, h.at(), h.drill(), h));
    }

    public static Outbound audit(AuditRecord a) {
        String id = "audit-"
                + digest((a.platformId() + "|" + a.action() + "|" + a.subjectId() + "|" + a.at() + "|" + a.detail())
                        .getBytes(StandardCharsets.UTF_8));
        return new Outbound(
                Topics.AUDIT,
                a.platformId(),
                Envelope.of(id, Events.AUDIT, SOURCE, a.subjectId(), a.at(), a.drill(), a));
    }

    /**
     * A platform's feasibility: one id per catalog content while only the estimates speak; once drills do, the id also
     * follows the basis, the drills used and the findings, so that a verdict changed by a drill is a new record.
     */
    public static Outbound feasibility(FeasibilityReport r) {
        String id = "feasibility-" + r.platformId() + "-" + r.catalogFingerprint();
        boolean readiness = r.findings().stream().anyMatch(FeasibilityReport.Finding::readiness);
        if (r.lastDrillAt() != null || !r.drillsUsed().isEmpty() || readiness) {
            StringBuilder content = new StringBuilder(r.basis())
                    .append('|')
                    .append(r.drillsUsed())
                    .append('|')
                    .append(r.lastDrillAt());
            r.findings()
                    .forEach(f ->
                            content.append('|').append(f.kind()).append(':').append(f.summary()));
            id += "-" + digest(content.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Outbound(
                Topics.FEASIBILITY,
                r.platformId(),
                Envelope.of(id, Events.FEASIBILITY, SOURCE, r.platformId(), r.evaluatedAt(), false, r));
    }

    /**
     * A drill's report, on drills.v1 keyed by drill id, a drill record through and through; or a real DR run's report
     * (same shape), keyed by run id and not marked as a drill.
     */
    public static Outbound drill(DrillReport r, Instant at) {
        if (r.isRun()) {
            return new Outbound(
                    Topics.DRILLS,
                    r.drillId(),
                    Envelope.of(r.drillId() + "-v" + r.version(), Events.DR_RUN, SOURCE, r.drillId(), at, false, r));
        }
        return new Outbound(
                Topics.DRILLS,
                r.drillId(),
                Envelope.of(
                        "drill-" + r.drillId() + "-v" + r.version(), Events.DRILL, SOURCE, r.drillId(), at, true, r));
    }

    /** A DR run's final report for downstream subscribers, on handovers.v1 keyed by platform id. */
    public static Outbound runCompleted(DrillReport r) {
        return new Outbound(
                Topics.HANDOVERS,
                r.platformId(),
                Envelope.of(
                        "dr-run-completed-" + r.drillId(),
                        Events.DR_RUN_COMPLETED,
                        SOURCE,
                        r.drillId(),
                        r.signedOffAt(),
                        false,
                        r));
    }

    static String digest(byte[] content) {
        return ContentHash.hex(8, content);
    }
}
