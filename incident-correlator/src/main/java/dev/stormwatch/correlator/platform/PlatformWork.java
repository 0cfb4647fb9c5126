package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.config.CorrelatorConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What processing one input (or one timer tick) does to one platform: the stages change incidents through drafts and
 * put decisions, handovers and audit lines here; {@link #finish} then writes one snapshot per changed incident, the
 * changed component statuses, and the rest, always in that order.
 */
public final class PlatformWork {

    /** Brings incident drafts up to date with their events and the platform's DR mode before they are written. */
    public interface IncidentRefresh {
        void refresh(PlatformWork work, IncidentDraft draft);
    }

    /** Works out which component statuses changed. */
    public interface StatusRefresh {
        List<ComponentStatus> changed(PlatformWork work);
    }

    private final PlatformView view;
    private final Instant now;
    private final CorrelatorConfig config;
    private final Map<String, IncidentDraft> drafts = new LinkedHashMap<>();
    private final List<Outbound> decisions = new ArrayList<>();
    private final List<Outbound> handovers = new ArrayList<>();
    private final List<Outbound> drills = new ArrayList<>();
    private final List<Outbound> feasibility = new ArrayList<>();
    private final List<Outbound> audit = new ArrayList<>();
    private boolean statusesDirty;

    public PlatformWork(PlatformView view, Instant now, CorrelatorConfig config) {
        this.view = view;
        this.now = now;
        this.config = config;
    }

    public PlatformView view() {
        return view;
    }

    public CatalogView catalog() {
        return view.catalog();
    }

    public Instant now() {
        return now;
    }

    public CorrelatorConfig config() {
        return config;
    }

    public PlatformRun run() {
        return view.run(now);
    }

    public void run(PlatformRun next) {
        if (!next.equals(view.run(now))) {
            view.put(next);
            statusesDirty = true;
        }
    }

    /** The draft of an existing incident (the same draft for the whole of this work), or null when unknown. */
    public IncidentDraft incident(String id) {
        IncidentDraft draft = drafts.get(id);
        if (draft == null) {
            IncidentRecord record = view.incident(id);
            if (record == null) {
                return null;
            }
            draft = IncidentDraft.of(record);
            drafts.put(id, draft);
        }
        return draft;
    }

    public void opened(IncidentDraft draft) {
        drafts.put(draft.id(), draft);
    }

    public Collection<IncidentDraft> drafts() {
        return drafts.values();
    }

    /** A new decision snapshot: stored and written to dr-decisions.v1. */
    public void decision(DecisionRecord record) {
        view.put(record);
        decisions.add(Envelopes.decision(record.decision(), now));
    }

    /** Bookkeeping on a decision that does not change what people see of it: stored only. */
    public void remember(DecisionRecord record) {
        view.put(record);
    }

    public void handover(Handover handover) {
        handovers.add(Envelopes.handover(handover));
    }

    /** A new feasibility report: remembered as the platform's latest and written to feasibility.v1. */
    public void feasibility(FeasibilityReport report) {
        view.put(report);
        feasibility.add(Envelopes.feasibility(report));
    }

    /** A new drill report snapshot: stored and written to drills.v1. */
    public void drill(DrillReport report) {
        view.put(report);
        drills.add(Envelopes.drill(report, now));
    }

    /** A real DR run is over for the business: dr-run-completed for downstream subscribers, on handovers.v1. */
    public void runCompleted(DrillReport report) {
        handovers.add(Envelopes.runCompleted(report));
    }

    public void audit(String action, String subjectId, String detail, boolean drill) {
        audit(Envelopes.ACTOR, now, action, subjectId, detail, drill);
    }

    /** An audit line for what a person did at {@code at} (the correlator only applied it). */
    public void audit(String actor, Instant at, String action, String subjectId, String detail, boolean drill) {
        audit.add(Envelopes.audit(new AuditRecord(view.platformId(), at, actor, action, subjectId, detail, drill)));
    }

    /** Component statuses must be worked out again (events, catalog or DR mode changed). */
    public void statusesChanged() {
        statusesDirty = true;
    }

    /** Writes what this work changed and returns the records to send, in order. */
    public List<Outbound> finish(IncidentRefresh incidents, StatusRefresh statuses) {
        List<Outbound> out = new ArrayList<>();
        for (IncidentDraft draft : drafts.values()) {
            incidents.refresh(this, draft);
        }
        for (IncidentDraft draft : drafts.values()) {
            if (draft.changed()) {
                IncidentRecord record = draft.build(now);
                view.put(record);
                out.add(Envelopes.incident(record.incident()));
            }
        }
        if (statusesDirty) {
            boolean drill = drafts.values().stream().anyMatch(IncidentDraft::drill);
            for (ComponentStatus s : statuses.changed(this)) {
                view.put(s);
                out.add(Envelopes.status(s, drill));
            }
        }
        out.addAll(decisions);
        out.addAll(handovers);
        out.addAll(drills);
        out.addAll(feasibility);
        out.addAll(audit);
        return out;
    }
}
