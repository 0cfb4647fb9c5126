package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.match.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One platform's state, read from the stores once and kept in memory while the task owns the platform; every change is
 * written through to the store (and so to its changelog) at once. The stores are the truth: the task drops its views
 * whenever Kafka Streams (re)initialises it.
 */
public final class PlatformView {

    /** A drill's incident is {@code drill-<drill id>}. */
    public static final String DRILL_INCIDENT_PREFIX = "drill-";

    private final String platformId;
    private final PlatformStores stores;
    private final SeenEvents seen;
    private CatalogView catalog;
    private PlatformRun run;
    private final StatusBook statuses = new StatusBook();
    private final EventIndex events = new EventIndex(statuses::eventsChanged);

    private final IncidentIndex incidents = new IncidentIndex();
    private RecordChanges changes = RecordChanges.NONE;

    private final Map<String, DecisionRecord> decisions = new LinkedHashMap<>();

    private final Map<String, DrillReport> drills = new LinkedHashMap<>();
    private FeasibilityReport feasibility;
    /**
     * The store writes of the record (or tick) being processed, applied by {@link #commit} once it completed: a failure
     * half-way leaves the stores as they were, and the task reads the view again from them.
     */
    private final List<Runnable> pending = new ArrayList<>();

    private PlatformView(String platformId, PlatformStores stores) {
        this.platformId = platformId;
        this.stores = stores;
        this.seen = new SeenEvents(platformId, stores.seen, this::write);
    }

    public static PlatformView load(String platformId, PlatformStores stores) {
        PlatformView v = new PlatformView(platformId, stores);
        Catalog catalog = stores.catalogs.get(platformId);
        v.catalog = catalog == null ? null : CatalogView.of(catalog);
        v.run = stores.runs.get(platformId);
        PlatformStores.scan(stores.events, platformId, (key, event) -> v.events.put(event));
        PlatformStores.scan(stores.incidents, platformId, (id, incident) -> v.incidents.put(incident));
        PlatformStores.scan(stores.decisions, platformId, v.decisions::put);
        PlatformStores.scan(stores.statuses, platformId, (id, status) -> v.statuses.put(status));
        PlatformStores.scan(stores.drills, platformId, v.drills::put);
        v.feasibility = stores.feasibility.get(platformId);
        v.statuses.everything();
        return v;
    }

    public String platformId() {
        return platformId;
    }

    /** From now on, {@code listener} hears every change of an incident or a decision (one listener at a time). */
    public void listen(RecordChanges listener) {
        this.changes = listener;
    }

    private void write(Runnable change) {
        pending.add(change);
    }

    /** Applies the writes of the record just processed to the stores, in the order they were made. */
    public void commit() {
        pending.forEach(Runnable::run);
        pending.clear();
    }

    public CatalogView catalog() {
        return catalog;
    }

    /** The platform's DR state as stored, null before the platform was first seen. */
    public PlatformRun storedRun() {
        return run;
    }

    /** The platform's DR state; a platform seen for the first time starts in normal operation. */
    public PlatformRun run(Instant now) {
        if (run == null) {
            put(PlatformRun.start(platformId, now));
        }
        return run;
    }

    public EventRecord event(String key) {
        return events.get(key);
    }

    public Collection<EventRecord> events() {
        return events.all();
    }

    /** Events the provider still reports as going on. */
    public Collection<EventRecord> ongoingEvents() {
        return events.ongoing();
    }

    public List<EventRecord> eventsOf(String incidentId) {
        return events.ofIncident(incidentId);
    }

    /** Every fact of one tracking id (or resource id, for resource availability without one), in the order seen. */
    public List<EventRecord> factsOf(String trackingKey) {
        return events.ofTracking(trackingKey);
    }

    /** What the ongoing events that hit this component say about it. */
    public ComponentHits ongoingHits(String componentId) {
        return events.hitting(componentId);
    }

    /**
     * The components whose events changed since the last call, or empty when every component's status must be worked
     * out again; starts collecting anew.
     */
    public Optional<Set<String>> takeStatusChanges() {
        return statuses.take();
    }

    public IncidentRecord incident(String id) {
        return incidents.get(id);
    }

    /** Every incident still in the store. */
    public List<IncidentRecord> incidents() {
        return incidents.all();
    }

    /** Incidents still open or mitigated, unordered and not copied (a read-only view of the index). */
    public Collection<IncidentRecord> liveIncidentRecords() {
        return incidents.live();
    }

    /**
     * Incidents still open or mitigated that an event with these hits, starting at {@code start}, may join within the
     * grouping window: every one it may join, unordered, possibly with some it may not (the grouping rule decides).
     */
    public List<IncidentRecord> groupingCandidates(List<Hit> hits, Instant start, Duration window) {
        return incidents.groupingCandidates(hits, start, window);
    }

    public DecisionRecord decision(String id) {
        return decisions.get(id);
    }

    public Collection<DecisionRecord> decisions() {
        return decisions.values();
    }

    public ComponentStatus status(String componentId) {
        return statuses.get(componentId);
    }

    public Collection<ComponentStatus> statuses() {
        return statuses.all();
    }

    /** Components whose last written status is not operational everywhere. */
    public Set<String> notOperational() {
        return statuses.notOperational();
    }

    public void putCatalog(Catalog next) {
        write(() -> stores.catalogs.put(platformId, next));
        catalog = CatalogView.of(next);
        statuses.everything();
    }

    public void removeCatalog() {
        write(() -> stores.catalogs.delete(platformId));
        catalog = null;
        statuses.everything();
    }

    public void put(PlatformRun next) {
        write(() -> stores.runs.put(platformId, next));
        if (run == null
                || run.mode() != next.mode()
                || !Objects.equals(run.episodeIncidentId(), next.episodeIncidentId())) {
            statuses.everything();
        }
        run = next;
    }

    public void put(EventRecord next) {
        write(() -> stores.events.put(StoreNames.key(platformId, next.key()), next));
        events.put(next);
    }

    /** Removes one event record (a record replaced by the facts it stands for). */
    public void remove(EventRecord record) {
        write(() -> stores.events.delete(StoreNames.key(platformId, record.key())));
        events.remove(record);
    }

    public void put(IncidentRecord next) {
        write(() -> stores.incidents.put(StoreNames.key(platformId, next.id()), next));
        changes.incident(incidents.get(next.id()), next);
        incidents.put(next);
    }

    public void put(DecisionRecord next) {
        write(() -> stores.decisions.put(StoreNames.key(platformId, next.id()), next));
        changes.decision(decisions.put(next.id(), next), next);
    }

    public void put(ComponentStatus next) {
        write(() -> stores.statuses.put(StoreNames.key(platformId, next.componentId()), next));
        statuses.put(next);
    }

    public DrillReport drill(String drillId) {
        return drills.get(drillId);
    }

    /** The drill whose incident this is ({@code drill-<drill id>}), or null. */
    public DrillReport drillOfIncident(String incidentId) {
        if (incidentId == null || !incidentId.startsWith(DRILL_INCIDENT_PREFIX)) {
            return null;
        }
        DrillReport d = drills.get(incidentId.substring(DRILL_INCIDENT_PREFIX.length()));
        return d != null && incidentId.equals(d.incidentId()) ? d : null;
    }

    public Collection<DrillReport> drills() {
        return drills.values();
    }

    public void put(DrillReport next) {
        write(() -> stores.drills.put(StoreNames.key(platformId, next.drillId()), next));
        drills.put(next.drillId(), next);
    }

    /** The latest resource providers' locations health-ingest published for a subscription; null: none yet. */
    public ProviderLocations providerLocations(String subscriptionId) {
        return stores.providerLocations.get(subscriptionId);
    }

    /** The notifier's latest automation readiness of this platform; null: none yet. */
    public AutomationReadiness automationReadiness() {
        return stores.automationReadiness.get(platformId);
    }

    /** The feasibility report last published for the platform; null before the first. */
    public FeasibilityReport feasibility() {
        return feasibility;
    }

    public void put(FeasibilityReport next) {
        write(() -> stores.feasibility.put(platformId, next));
        feasibility = next;
    }

    /** True the first time a CloudEvent id is seen for this platform; remembers it. */
    public boolean firstSight(String cloudEventId, Instant now) {
        return seen.firstSight(cloudEventId, now);
    }

    /** Drops remembered CloudEvent ids older than {@code before}. */
    public int forgetSeenBefore(Instant before) {
        return seen.forgetBefore(before);
    }

    /** Removes an incident with its events and decisions from the stores (history past its retention). */
    public void forget(IncidentRecord incident) {
        String id = incident.id();
        eventsOf(id).forEach(this::remove);
        events.forgetIncident(id);
        for (DecisionRecord d : List.copyOf(decisions.values())) {
            if (id.equals(d.decision().incidentId())) {
                write(() -> stores.decisions.delete(StoreNames.key(platformId, d.id())));
                decisions.remove(d.id());
                changes.decision(d, null);
            }
        }
        write(() -> stores.incidents.delete(StoreNames.key(platformId, id)));
        changes.incident(incidents.get(id), null);
        incidents.remove(id);
    }
}
