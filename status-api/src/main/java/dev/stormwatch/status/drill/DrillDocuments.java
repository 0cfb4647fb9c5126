package dev.stormwatch.status.drill;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.contracts.drill.StepTiming;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.status.audit.AuditEntry;
import dev.stormwatch.status.audit.AuditView;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.platform.PlatformView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a drill's report document from the read models (the correlator's DrillReport, the drill incident's decisions,
 * handovers and audit trail, the catalog's component names) and renders it as one self-contained HTML document: inline
 * CSS, no scripts, so that it can be mailed, archived and signed off as it is.
 */
@Singleton
public class DrillDocuments {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditView audit;
    private final DecisionView decisions;
    private final HandoverView handovers;
    private final PlatformView platforms;
    private final Template template;
    private final Clock clock;

    public DrillDocuments(
            AuditView audit,
            DecisionView decisions,
            HandoverView handovers,
            PlatformView platforms,
            @Location("drills/report.html") Template template,
            Clock clock) {
        this.audit = audit;
        this.decisions = decisions;
        this.handovers = handovers;
        this.platforms = platforms;
        this.template = template;
        this.clock = clock;
    }

    /** The report as HTML; {@code page} adds the links of the dashboard page (still no script). */
    public String html(DrillItem drill, boolean page) {
        return template.data("d", document(drill, page)).render();
    }

    public DrillDocument document(DrillItem drill, boolean page) {
        DrillReport r = drill.report();
        Catalog catalog = platforms.catalog(drill.platformId()).orElse(null);
        String incidentId =
                r != null && r.incidentId() != null ? r.incidentId() : DrillDesk.INCIDENT_PREFIX + drill.drillId();
        List<Decision> ofIncident = decisions.forIncident(incidentId).stream()
                .map(DecisionView.Current::decision)
                .toList();
        List<Handover> handedOver = handovers.all().stream()
                .filter(h -> incidentId.equals(h.incidentId()))
                .toList();

        boolean run = r != null && r.isRun();
        List<Moment> moments = new ArrayList<>();
        if (!run) {
            moments.add(new Moment(
                    drill.requestedAt(),
                    "Drill started" + (drill.note() == null ? "" : ": " + drill.note()),
                    drill.requestedBy()));
        }
        if (r != null) {
            moments.add(new Moment(
                    r.drInvokedAt(),
                    run
                            ? "DR invoked (invoke-dr approved): failover started"
                            : "DR invoked (invoke-dr of the drill approved)",
                    r.drInvokedBy()));
            for (StepTiming s : r.steps()) {
                String name = name(catalog, s.componentId()) + " — " + s.step();
                moments.add(new Moment(s.startedAt(), "Step " + s.runOrder() + " started: " + name, s.startedBy()));
                moments.add(
                        new Moment(s.completedAt(), "Step " + s.runOrder() + " completed: " + name, s.completedBy()));
            }
            moments.add(new Moment(r.recoveredAt(), "Recovered: every recovery step completed", null));
        }
        for (Decision d : ofIncident) {
            if (d.decidedAt() != null
                    && (d.kind() == DecisionKind.BUSINESS_SIGNOFF || d.kind() == DecisionKind.FALLBACK)) {
                String what = d.kind() == DecisionKind.BUSINESS_SIGNOFF ? "Business sign-off " : "Fallback ";
                moments.add(new Moment(
                        d.decidedAt(),
                        what + d.state().wire() + (d.reason() == null ? "" : ": " + d.reason()),
                        d.decidedBy()));
            }
        }
        boolean signoffMoment =
                ofIncident.stream().anyMatch(d -> d.decidedAt() != null && d.kind() == DecisionKind.BUSINESS_SIGNOFF);
        if (r != null && r.signedOffAt() != null && !signoffMoment) {
            moments.add(new Moment(r.signedOffAt(), "Business sign-off approved", r.signedOffBy()));
        }
        for (Handover h : handedOver) {
            moments.add(new Moment(
                    h.at(),
                    "Handed over " + (h.componentName() == null ? h.componentId() : h.componentName()) + " in "
                            + h.region() + " ("
                            + (h.reason() == null ? "handover" : h.reason().wire()) + ")",
                    null));
        }
        if (drill.abandonRequestedAt() != null) {
            moments.add(new Moment(drill.abandonRequestedAt(), "Abandon requested", drill.abandonRequestedBy()));
        }
        if (r != null && r.completedAt() != null && !run) {
            moments.add(new Moment(
                    r.completedAt(), r.state() == DrillState.ABANDONED ? "Drill abandoned" : "Drill completed", null));
        }
        if (r != null && r.acceptedAt() != null) {
            moments.add(new Moment(r.acceptedAt(), "Flagged measurements accepted", r.acceptedBy()));
        }
        List<DrillDocument.TimelineLine> timeline = moments.stream()
                .filter(m -> m.at() != null)
                .sorted(Comparator.comparing(Moment::at))
                .map(m -> new DrillDocument.TimelineLine(time(m.at()), m.what(), m.who() == null ? "" : m.who()))
                .toList();

        List<DrillDocument.StepRow> steps = r == null
                ? List.of()
                : r.steps().stream().map(s -> step(catalog, s)).toList();

        Set<String> subjects = new HashSet<>();
        subjects.add(drill.drillId());
        subjects.add(incidentId);
        ofIncident.forEach(d -> subjects.add(d.id()));
        handedOver.forEach(h -> subjects.add(h.id()));
        List<DrillDocument.EvidenceRow> evidence = audit.matching(e -> subjects.contains(e.subjectId())).stream()
                .sorted(Comparator.comparing(AuditEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(AuditEntry::id))
                .map(e -> new DrillDocument.EvidenceRow(
                        time(e.at()),
                        e.actor(),
                        e.action(),
                        e.subjectId(),
                        e.detail(),
                        e.source() == null ? "" : e.source().replace("/stormwatch/", "")))
                .toList();

        String signoff = ofIncident.stream()
                .filter(d -> d.kind() == DecisionKind.BUSINESS_SIGNOFF && d.decidedAt() != null)
                .findFirst()
                .map(d -> "Business sign-off in Stormwatch: " + d.state().wire() + " by " + d.decidedBy() + " at "
                        + time(d.decidedAt()) + (d.evidence() == null ? "" : "; evidence: " + d.evidence()))
                .orElse(
                        r != null && r.signedOffAt() != null
                                ? "Business sign-off in Stormwatch: approved by " + r.signedOffBy() + " at "
                                        + time(r.signedOffAt())
                                : "Business sign-off in Stormwatch: not given yet");

        String platformName = r != null && r.platformName() != null
                ? r.platformName()
                : catalog != null ? catalog.platform().name() : drill.platformId();
        Duration rto = r != null && r.rto() != null
                ? r.rto()
                : catalog == null ? null : catalog.platform().rtoDuration();
        return new DrillDocument(
                run,
                run ? "DR run report" : "DR drill report",
                drill.drillId(),
                drill.platformId(),
                platformName,
                incidentId,
                drill.state(),
                drill.requestedBy(),
                time(drill.requestedAt()),
                drill.note(),
                r == null ? null : r.drInvokedBy(),
                r == null ? null : time(r.drInvokedAt()),
                span(rto),
                timeline,
                steps,
                totals(r, rto),
                r == null ? "" : path(catalog, r.expectedCriticalPath()),
                r == null ? "" : path(catalog, r.criticalPathAsRun()),
                evidence,
                signoff,
                measurements(r),
                r == null || r.flaggedSteps().isEmpty() ? "trusted" : r.acceptedAt() != null ? "accepted" : "flagged",
                time(clock.instant()),
                page);
    }

    /** Whether the measurements can be trusted as they are, in words. */
    static String measurements(DrillReport r) {
        if (r == null || r.steps().stream().noneMatch(s -> s.actual() != null)) {
            return "No step measured yet.";
        }
        String what = r.isRun() ? "this DR run" : "this drill";
        if (r.flaggedSteps().isEmpty()) {
            return "No measurement is flagged: none far below its estimate, none without evidence. Once completed, the"
                    + " measurements of " + what + " may become the feasibility basis.";
        }
        String flagged = r.flaggedSteps().size() + " of " + r.steps().size() + " steps are flagged (" + r.flagSummary()
                + "): far below their estimate, or completed without evidence.";
        return r.acceptedAt() != null
                ? flagged + " Accepted by " + r.acceptedBy() + " at " + time(r.acceptedAt())
                        + " UTC: the measurements of " + what + " may be used as the feasibility basis."
                : flagged + " The measurements of " + what
                        + " are not used for the feasibility until a DR lead accepts them.";
    }

    private static DrillDocument.StepRow step(Catalog catalog, StepTiming s) {
        Duration overrun = s.overrun();
        String overrunText =
                overrun == null ? "" : overrun.isNegative() ? "−" + span(overrun.negated()) : "+" + span(overrun);
        String overrunClass = overrun == null ? "" : overrun.isNegative() || overrun.isZero() ? "within" : "over";
        return new DrillDocument.StepRow(
                s.runOrder(),
                name(catalog, s.componentId()),
                s.step(),
                s.parallelGroup() == null ? "" : s.parallelGroup(),
                span(s.expected()),
                s.actual() == null ? "not measured" : span(s.actual()),
                overrunText,
                overrunClass,
                who(s.startedBy(), s.startedAt()),
                who(s.completedBy(), s.completedAt()),
                s.evidence() == null ? "" : s.evidence(),
                s.attempts(),
                String.join(", ", s.flags()));
    }

    static DrillDocument.Totals totals(DrillReport r, Duration rto) {
        if (r == null) {
            return new DrillDocument.Totals(
                    "", "", "", span(rto), "Not known yet: the correlator has not started the drill", "unknown", "");
        }
        String verdict;
        String verdictClass;
        if (r.isRun()) {
            if (r.recoveryTime() == null || rto == null) {
                verdict = "Not known yet: the business has not signed off the recovery";
                verdictClass = "unknown";
            } else if (r.recoveryTime().compareTo(rto) <= 0) {
                verdict = "Recovered within the RTO: " + span(r.recoveryTime())
                        + " from DR invoked to business sign-off against the" + " RTO of " + span(rto) + ", "
                        + span(rto.minus(r.recoveryTime())) + " to spare";
                verdictClass = "meets";
            } else {
                verdict = "Missed the RTO: " + span(r.recoveryTime())
                        + " from DR invoked to business sign-off against the RTO of " + span(rto) + ", "
                        + span(r.recoveryTime().minus(rto)) + " over";
                verdictClass = "misses";
            }
        } else if (r.meetsRto() == null || r.measuredPlanTotal() == null || rto == null) {
            verdict = "Not known yet: steps are outstanding";
            verdictClass = "unknown";
        } else if (r.meetsRto()) {
            verdict = "Meets the RTO: the measured plan takes " + span(r.measuredPlanTotal()) + " of the RTO of "
                    + span(rto) + ", " + span(rto.minus(r.measuredPlanTotal())) + " to spare";
            verdictClass = "meets";
        } else {
            verdict = "Misses the RTO: the measured plan takes " + span(r.measuredPlanTotal()) + " against the RTO of "
                    + span(rto) + ", " + span(r.measuredPlanTotal().minus(rto))
                    + " over; automate or parallelise steps, uplift tiers, or extend the RTO";
            verdictClass = "misses";
        }
        return new DrillDocument.Totals(
                span(r.expectedTotal()),
                span(r.actualTotal()),
                span(r.measuredPlanTotal()),
                span(rto),
                verdict,
                verdictClass,
                span(r.recoveryTime()));
    }

    private static String path(Catalog catalog, List<String> ids) {
        return ids.isEmpty()
                ? "not known yet"
                : String.join(" → ", ids.stream().map(id -> name(catalog, id)).toList());
    }

    private static String name(Catalog catalog, String componentId) {
        return catalog == null
                ? componentId
                : catalog.component(componentId).map(Component::displayName).orElse(componentId);
    }

    private static String who(String by, Instant at) {
        if (at == null) {
            return "";
        }
        return time(at) + (by == null ? "" : " by " + by);
    }

    static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    /** 5 400 s → "1 h 30 min"; seconds shown only when there are some. */
    static String span(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        List<String> parts = new ArrayList<>();
        if (h > 0) {
            parts.add(h + " h");
        }
        if (m > 0 || (h == 0 && sec == 0)) {
            parts.add(m + " min");
        }
        if (sec > 0) {
            parts.add(sec + " s");
        }
        return String.join(" ", parts);
    }

    private record Moment(Instant at, String what, String who) {}
}
