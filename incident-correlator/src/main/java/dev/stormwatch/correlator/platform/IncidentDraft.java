package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.correlator.match.Hit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An incident being changed while one input is processed: every stage that touches it changes the draft, and the
 * platform's work turns it into one new snapshot (version + 1) at the end, or none when nothing changed.
 */
public final class IncidentDraft {

    private final IncidentRecord before;
    private final String id;
    private final String platformId;
    private final boolean drill;
    private final boolean synthetic;
    private final Instant openedAt;
    private String title;
    private IncidentState state;
    private Severity severity;
    private List<String> components;
    private List<String> regions;
    private List<String> trackingIds;
    private boolean primaryRegionHit;
    private boolean readinessRisk;
    private String assessment;
    private boolean plannedMaintenance;
    private Instant impactStart;
    private Instant mitigatedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    /** Timeline entries a snapshot keeps; the cause of the entry that stands for those left out. */
    static final int TIMELINE_KEPT = 200;

    static final int TIMELINE_HEAD = 20;
    static final String OMITTED = "timeline-omitted";

    private final List<TimelineEntry> timeline;
    private final LinkedHashSet<Hit> footprint;
    private final List<String> eventKeys;
    private Instant lastImpactStart;
    private boolean pirReviewed;
    private boolean changed;
    /** The tracking id behind the latest change, for the timeline entries that follow from it. */
    private String cause;

    private IncidentDraft(
            IncidentRecord before, String id, String platformId, boolean drill, boolean synthetic, Instant openedAt) {
        this.before = before;
        this.id = id;
        this.platformId = platformId;
        this.drill = drill;
        this.synthetic = synthetic;
        this.openedAt = openedAt;
        if (before == null) {
            this.state = IncidentState.OPEN;
            this.severity = Severity.SEV4;
            this.components = List.of();
            this.regions = List.of();
            this.trackingIds = List.of();
            this.timeline = new ArrayList<>();
            this.footprint = new LinkedHashSet<>();
            this.eventKeys = new ArrayList<>();
            this.changed = true;
        } else {
            Incident i = before.incident();
            this.title = i.title();
            this.state = i.state();
            this.severity = i.severity();
            this.components = i.components();
            this.regions = i.regions();
            this.trackingIds = i.trackingIds();
            this.primaryRegionHit = i.primaryRegionHit();
            this.readinessRisk = i.readinessRisk();
            this.assessment = i.assessment();
            this.plannedMaintenance = i.plannedMaintenance();
            this.impactStart = i.impactStart();
            this.mitigatedAt = i.mitigatedAt();
            this.resolvedAt = i.resolvedAt();
            this.closedAt = i.closedAt();
            this.timeline = new ArrayList<>(i.timeline());
            this.footprint = new LinkedHashSet<>(before.footprint());
            this.eventKeys = new ArrayList<>(before.eventKeys());
            this.lastImpactStart = before.lastImpactStart();
            this.pirReviewed = before.pirReviewed();
        }
    }

    /** A new incident, opened now. */
    public static IncidentDraft open(
            String id, String platformId, String title, Instant now, boolean drill, boolean synthetic) {
        IncidentDraft d = new IncidentDraft(null, id, platformId, drill, synthetic, now);
        d.title = title;
        return d;
    }

    public static IncidentDraft of(IncidentRecord record) {
        Incident i = record.incident();
        return new IncidentDraft(record, i.id(), i.platformId(), i.drill(), record.synthetic(), i.openedAt());
    }

    public boolean isNew() {
        return before == null;
    }

    public boolean changed() {
        return changed;
    }

    public String id() {
        return id;
    }

    public String platformId() {
        return platformId;
    }

    public boolean drill() {
        return drill;
    }

    public boolean synthetic() {
        return synthetic;
    }

    public IncidentState state() {
        return state;
    }

    public Severity severity() {
        return severity;
    }

    public Instant impactStart() {
        return impactStart;
    }

    public Instant lastImpactStart() {
        return lastImpactStart;
    }

    public List<String> regions() {
        return regions;
    }

    public List<Hit> footprint() {
        return List.copyOf(footprint);
    }

    public boolean pirReviewed() {
        return pirReviewed;
    }

    public String cause() {
        return cause;
    }

    public void cause(String trackingId) {
        this.cause = trackingId;
    }

    /** Adds a timeline entry: what changed, when, and why. */
    public void note(Instant at, String what, String why) {
        add(new TimelineEntry(at, what, why));
    }

    /** Adds a timeline entry stamped with the provider's time of its update, marked so that no one reads it as ours. */
    public void noteAsReported(Instant providerTime, String what, String why) {
        add(new TimelineEntry(providerTime, what, why, TimelineEntry.PROVIDER));
    }

    /**
     * The snapshot keeps the first {@value #TIMELINE_HEAD} entries (how it started) and the latest ones, at most
     * {@value #TIMELINE_KEPT} in all, with one entry saying how many in between it left out: an incident with a
     * thousand resources' events, or a provider updating for days, is still one record every consumer can read. Every
     * provider update stays on health-events.v1 and every decision in the audit trail.
     */
    private void add(TimelineEntry entry) {
        timeline.add(entry);
        changed = true;
        if (timeline.size() <= TIMELINE_KEPT) {
            return;
        }
        boolean hasGap = OMITTED.equals(timeline.get(TIMELINE_HEAD).cause());
        long omitted =
                hasGap ? Long.parseLong(timeline.get(TIMELINE_HEAD).what().split(" ", 2)[0]) : 0;
        // Out go the gap entry and the oldest entries after it, so that with the new gap entry KEPT remain.
        List<TimelineEntry> out = timeline.subList(TIMELINE_HEAD, TIMELINE_HEAD + timeline.size() - TIMELINE_KEPT + 1);
        omitted += out.size() - (hasGap ? 1 : 0);
        TimelineEntry latest = out.get(out.size() - 1);
        out.clear();
        timeline.add(
                TIMELINE_HEAD,
                new TimelineEntry(
                        latest.at(), omitted + " earlier entries left out of this snapshot", OMITTED, latest.clock()));
    }

    public void addEvent(EventRecord event) {
        if (!eventKeys.contains(event.key())) {
            eventKeys.add(event.key());
            changed = true;
        }
        if (!trackingIds.contains(event.label())) {
            List<String> next = new ArrayList<>(trackingIds);
            next.add(event.label());
            trackingIds = List.copyOf(next);
            changed = true;
        }
        if (footprint.addAll(event.hits())) {
            changed = true;
        }
    }

    public void state(IncidentState next, Instant at) {
        if (next == state) {
            return;
        }
        state = next;
        switch (next) {
            case OPEN -> {
                mitigatedAt = null;
                resolvedAt = null;
                closedAt = null;
            }
            case MITIGATED -> mitigatedAt = mitigatedAt == null ? at : mitigatedAt;
            case RESOLVED -> {
                mitigatedAt = mitigatedAt == null ? at : mitigatedAt;
                resolvedAt = at;
            }
            case CLOSED -> closedAt = at;
        }
        changed = true;
    }

    public void mitigatedAt(Instant at) {
        set(mitigatedAt, at, v -> mitigatedAt = v);
    }

    public void severity(Severity next) {
        set(severity, next, v -> severity = v);
    }

    public void components(List<String> next) {
        set(components, List.copyOf(next), v -> components = v);
    }

    public void regions(List<String> next) {
        set(regions, List.copyOf(next), v -> regions = v);
    }

    public void primaryRegionHit(boolean next) {
        set(primaryRegionHit, next, v -> primaryRegionHit = v);
    }

    public boolean readinessRisk() {
        return readinessRisk;
    }

    public void readinessRisk(boolean next) {
        set(readinessRisk, next, v -> readinessRisk = v);
    }

    public void assessment(String next) {
        set(assessment, next, v -> assessment = v);
    }

    public void plannedMaintenance(boolean next) {
        set(plannedMaintenance, next, v -> plannedMaintenance = v);
    }

    public void impactStart(Instant next) {
        set(impactStart, next, v -> impactStart = v);
    }

    public void lastImpactStart(Instant next) {
        set(lastImpactStart, next, v -> lastImpactStart = v);
    }

    public void pirReviewed(boolean next) {
        set(pirReviewed, next, v -> pirReviewed = v);
    }

    private <T> void set(T current, T next, java.util.function.Consumer<T> apply) {
        if (!Objects.equals(current, next)) {
            apply.accept(next);
            changed = true;
        }
    }

    /** The next snapshot (version + 1), for the store and incidents.v1. */
    public IncidentRecord build(Instant now) {
        long version = before == null ? 1 : before.incident().version() + 1;
        Incident incident = new Incident(
                id,
                platformId,
                title,
                state,
                severity,
                components,
                regions,
                trackingIds,
                primaryRegionHit,
                readinessRisk,
                assessment,
                impactStart,
                openedAt,
                mitigatedAt,
                resolvedAt,
                closedAt,
                now,
                version,
                drill,
                timeline,
                plannedMaintenance);
        return new IncidentRecord(incident, List.copyOf(footprint), eventKeys, lastImpactStart, synthetic, pirReviewed);
    }
}
