package dev.stormwatch.correlator.match;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What matching needs from one provider event, worked out once: each impacted pair's normalized service name and
 * canonical region, and the subscription lower-cased. Routing tries an event against every candidate platform; without
 * this each of them would normalize the same names again.
 *
 * @param pairs the impacted (service, region) pairs, in the event's order; a null region hits every region
 * @param subscription the event's subscription, lower-cased; null when it names none
 * @param resources each impacted resource id as its key, then the keys of the resources it is part of
 */
public record MatchKeys(List<Pair> pairs, String subscription, List<List<String>> resources) {

    /** One impacted pair: normalized service (null when blank) and canonical region (null when blank). */
    public record Pair(String service, String region) {

        /** The pair names no region, or "global": it hits a component in every region it runs in. */
        public boolean everyRegion() {
            return region == null || Regions.GLOBAL.equals(region);
        }
    }

    public static MatchKeys of(HealthEvent event) {
        List<Pair> pairs = new ArrayList<>(event.impacted().size());
        for (ImpactedService pair : event.impacted()) {
            pairs.add(new Pair(ServiceNames.normalize(pair.service()), Regions.canonical(pair.region())));
        }
        String subscription =
                event.subscriptionId() == null || event.subscriptionId().isBlank()
                        ? null
                        : event.subscriptionId().trim().toLowerCase(Locale.ROOT);
        List<List<String>> resources = new ArrayList<>(event.resourceIds().size());
        for (String id : event.resourceIds()) {
            resources.add(ComponentMatcher.resourceAndParents(id));
        }
        return new MatchKeys(pairs, subscription, resources);
    }
}
