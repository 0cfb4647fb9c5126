package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.status.ComponentStatus;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The changelog-backed stores of the platform task, typed. */
public final class PlatformStores {

    private static final StringSerializer KEYS = new StringSerializer();

    final KeyValueStore<String, Catalog> catalogs;
    public final KeyValueStore<String, PlatformRun> runs;
    final KeyValueStore<String, EventRecord> events;
    final KeyValueStore<String, IncidentRecord> incidents;
    final KeyValueStore<String, DecisionRecord> decisions;
    final KeyValueStore<String, ComponentStatus> statuses;
    final KeyValueStore<String, Long> seen;
    final KeyValueStore<String, DrillReport> drills;
    final KeyValueStore<String, FeasibilityReport> feasibility;
    /** Global: read only. */
    final KeyValueStore<String, ProviderLocations> providerLocations;
    /** Global: read only. */
    final KeyValueStore<String, AutomationReadiness> automationReadiness;

    public PlatformStores(ProcessorContext<?, ?> context) {
        this.catalogs = context.getStateStore(StoreNames.PLATFORM_CATALOGS);
        this.runs = context.getStateStore(StoreNames.PLATFORM_RUNS);
        this.events = context.getStateStore(StoreNames.EVENTS);
        this.incidents = context.getStateStore(StoreNames.INCIDENTS);
        this.decisions = context.getStateStore(StoreNames.DECISIONS);
        this.statuses = context.getStateStore(StoreNames.STATUSES);
        this.seen = context.getStateStore(StoreNames.SEEN);
        this.drills = context.getStateStore(StoreNames.DRILLS);
        this.feasibility = context.getStateStore(StoreNames.FEASIBILITY);
        this.providerLocations = context.getStateStore(StoreNames.PROVIDER_LOCATIONS);
        this.automationReadiness = context.getStateStore(StoreNames.AUTOMATION_READINESS);
    }

    /** Every entry of one platform in a store keyed platform/id, with the id part of the key. */
    static <V> void scan(KeyValueStore<String, V> store, String platformId, BiConsumer<String, V> action) {
        String prefix = StoreNames.prefix(platformId);
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> action.accept(kv.key.substring(prefix.length()), kv.value));
        }
    }
}
