package dev.stormwatch.correlator.match;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.health.HealthEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which components of one platform a provider event hits: an impacted (service, region) pair hits a component whose
 * Azure service or alias has the same normalized name and that runs in that region ("global" hits every region it runs
 * in); an impacted resource id hits the component that lists it, or lists a resource it is part of. Where the event
 * names a subscription, only components in that subscription (the component's, else the platform's list; no list: no
 * scoping) can be hit.
 */
public final class ComponentMatcher {

    private final Catalog catalog;
    private final Map<String, List<Component>> byService = new HashMap<>();
    private final Map<String, Component> byResource = new HashMap<>();
    private final Map<String, List<String>> regions = new HashMap<>();
    /** The subscriptions each component can be hit in, lower-cased once here rather than for every event. */
    private final Map<String, Set<String>> scopes = new HashMap<>();

    private final Set<String> platformSubscriptions;
    private final String primary;

    private ComponentMatcher(Catalog catalog) {
        this.catalog = catalog;
        this.primary = Regions.canonical(catalog.platform().primaryRegion());
        String secondary = Regions.canonical(catalog.platform().secondaryRegion());
        this.platformSubscriptions = lower(catalog.platform().subscriptions());
        for (Component c : catalog.components()) {
            for (String name : serviceNames(c)) {
                byService.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
            }
            for (String id : c.resourceIds()) {
                byResource.put(resourceKey(id), c);
            }
            List<String> rs = c.regions().isEmpty()
                    ? List.of(primary, secondary)
                    : c.regions().stream().map(Regions::canonical).distinct().toList();
            regions.put(c.id(), rs);
            scopes.put(c.id(), c.subscriptions().isEmpty() ? platformSubscriptions : lower(c.subscriptions()));
        }
    }

    public static ComponentMatcher of(Catalog catalog) {
        return new ComponentMatcher(catalog);
    }

    /** The normalized service names a component answers to: its service and its aliases. */
    public static Set<String> serviceNames(Component c) {
        Set<String> names = new LinkedHashSet<>();
        if (c.service() != null) {
            names.add(ServiceNames.normalize(c.service()));
        }
        c.aliases().forEach(a -> names.add(ServiceNames.normalize(a)));
        names.remove(null);
        return names;
    }

    /** Resource ids compare case-insensitively and without a trailing slash. */
    public static String resourceKey(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The resource itself, then every resource it is part of: .../accounts/a/blobServices/default → .../accounts/a. */
    public static List<String> resourceAndParents(String id) {
        List<String> out = new ArrayList<>();
        String s = resourceKey(id);
        while (!s.isEmpty()) {
            out.add(s);
            int slash = s.lastIndexOf('/');
            if (slash <= 0) {
                break;
            }
            s = s.substring(0, slash);
        }
        return out;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The regions a component runs in, canonical. */
    public List<String> regionsOf(String componentId) {
        return regions.getOrDefault(componentId, List.of());
    }

    /** Every (component, region) the event hits, in a stable order: the event's pairs first, then its resources. */
    public List<Hit> match(HealthEvent event) {
        return match(MatchKeys.of(event));
    }

    /** {@link #match(HealthEvent)} for an event whose names were normalized once for several platforms. */
    public List<Hit> match(MatchKeys event) {
        Set<Hit> hits = new LinkedHashSet<>();
        String subscription = event.subscription();
        Set<String> eventRegions = new LinkedHashSet<>();
        for (MatchKeys.Pair pair : event.pairs()) {
            String region = pair.region();
            if (region != null) {
                eventRegions.add(region);
            }
            for (Component c : byService.getOrDefault(pair.service(), List.of())) {
                if (!inScope(c, subscription)) {
                    continue;
                }
                List<String> runsIn = regionsOf(c.id());
                if (pair.everyRegion()) {
                    runsIn.forEach(r -> hits.add(new Hit(c.id(), r)));
                } else if (runsIn.contains(region)) {
                    hits.add(new Hit(c.id(), region));
                }
            }
        }
        for (List<String> resource : event.resources()) {
            Component c = resourceOwner(resource);
            if (c == null || !inScope(c, subscription)) {
                continue;
            }
            List<String> runsIn = regionsOf(c.id());
            List<String> where = eventRegions.stream().filter(runsIn::contains).toList();
            // A listed resource without a region in the event: the catalog lists the resources the platform runs on,
            // which is the primary region's.
            (where.isEmpty() ? List.of(runsIn.contains(primary) ? primary : runsIn.get(0)) : where)
                    .forEach(r -> hits.add(new Hit(c.id(), r)));
        }
        return List.copyOf(hits);
    }

    /** The component listing the resource or the nearest resource it is part of; the keys come from MatchKeys. */
    private Component resourceOwner(List<String> resourceAndParents) {
        for (String candidate : resourceAndParents) {
            Component c = byResource.get(candidate);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private boolean inScope(Component c, String subscription) {
        if (subscription == null) {
            return true;
        }
        Set<String> scope = scopes.get(c.id());
        return scope.isEmpty() || scope.contains(subscription);
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.trim().toLowerCase(Locale.ROOT)));
        return out;
    }
}
