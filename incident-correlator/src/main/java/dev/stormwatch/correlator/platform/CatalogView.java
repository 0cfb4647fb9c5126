package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.RecoveryPlan;
import dev.stormwatch.contracts.catalog.Strategy;
import dev.stormwatch.correlator.match.ComponentMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A platform's catalog with what the correlator derives from it once per change: the matcher, the recovery plan
 * (contracts' arithmetic), the reverse dependency graph, canonical regions and a fingerprint of the content.
 */
public final class CatalogView {

    private final Catalog catalog;
    private final ComponentMatcher matcher;
    private final RecoveryPlan plan;
    private final String fingerprint;
    private final String primary;
    private final String secondary;
    private final Map<String, Component> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, Integer> catalogOrder = new HashMap<>();
    private final List<String> runOrder;

    private CatalogView(Catalog catalog) {
        this.catalog = catalog;
        this.matcher = ComponentMatcher.of(catalog);
        this.plan = RecoveryPlan.of(catalog);
        this.fingerprint = fingerprint(catalog);
        this.primary = Regions.canonical(catalog.platform().primaryRegion());
        this.secondary = Regions.canonical(catalog.platform().secondaryRegion());
        for (int i = 0; i < catalog.components().size(); i++) {
            Component c = catalog.components().get(i);
            byId.put(c.id(), c);
            catalogOrder.put(c.id(), i);
            for (String dep : c.dependsOn()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(c.id());
            }
        }
        this.runOrder = plan.schedule().stream()
                .map(RecoveryPlan.ComponentSchedule::componentId)
                .toList();
    }

    public static CatalogView of(Catalog catalog) {
        return new CatalogView(catalog);
    }

    /** A short digest of the catalog's content: equal catalogs, equal fingerprints. */
    public static String fingerprint(Catalog catalog) {
        return ContentHash.hex(8, JsonCodec.toBytes(catalog));
    }

    public Catalog catalog() {
        return catalog;
    }

    public String platformId() {
        return catalog.platformId();
    }

    public String platformName() {
        return catalog.platform().name() == null
                ? catalog.platformId()
                : catalog.platform().name();
    }

    public ComponentMatcher matcher() {
        return matcher;
    }

    public RecoveryPlan plan() {
        return plan;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String primary() {
        return primary;
    }

    public String secondary() {
        return secondary;
    }

    public Duration rto() {
        return catalog.platform().rtoDuration();
    }

    public Duration rpo() {
        return catalog.platform().rpoDuration();
    }

    public Strategy strategy() {
        return catalog.platform().strategyKind();
    }

    public Component component(String id) {
        return byId.get(id);
    }

    public List<Component> components() {
        return catalog.components();
    }

    public String name(String componentId) {
        Component c = byId.get(componentId);
        return c == null ? componentId : c.displayName();
    }

    /** Components that depend on this one directly. */
    public List<String> dependentsOf(String componentId) {
        return dependents.getOrDefault(componentId, List.of());
    }

    /** Every component this one depends on, directly or not. */
    public Set<String> upstreamOf(String componentId) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(
                byId.containsKey(componentId) ? byId.get(componentId).dependsOn() : List.of());
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next) && byId.containsKey(next)) {
                todo.addAll(byId.get(next).dependsOn());
            }
        }
        return seen;
    }

    /** Component ids in the recovery plan's run order (dependency order: foundation first, then left to right). */
    public List<String> runOrder() {
        return runOrder;
    }

    /** Position of a component in the catalog, for stable listings. */
    public int catalogOrder(String componentId) {
        return catalogOrder.getOrDefault(componentId, Integer.MAX_VALUE);
    }

    public String regionName(String canonical) {
        if (canonical == null) {
            return null;
        }
        if (canonical.equals(primary)) {
            return catalog.platform().primaryRegion();
        }
        if (canonical.equals(secondary)) {
            return catalog.platform().secondaryRegion();
        }
        return canonical;
    }
}
