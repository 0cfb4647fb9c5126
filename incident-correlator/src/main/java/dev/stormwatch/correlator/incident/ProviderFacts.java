package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceNames;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.match.ComponentMatcher;
import dev.stormwatch.correlator.platform.EventRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one provider update is cut into the facts the correlator keeps. Azure's alerts come per subscription, and an
 * update talks about the services it concerns, not always every service of the incident; so a fact is
 *
 * <ul>
 *   <li>one (tracking id, subscription, service, region) for each (service, region) the update names, or
 *   <li>one (tracking id, subscription, resource) for each impacted resource it lists — the most precise signal; such a
 *       fact keeps the update's regions (without services) so that the resource is placed where Azure said, and the
 *       services the update named, because it ends when they do.
 * </ul>
 *
 * An update changes only the facts it names. The same tracking id for two subscriptions is two sets of facts, never
 * stale copies of each other. An update that names neither services nor resources is one fact of its own (it hits
 * nothing), unless it ends the whole tracking id ({@link #endsTrackingId}).
 */
public final class ProviderFacts {

    /** One fact of an update: its key, the update narrowed to it, and (resource facts) the services it ends with. */
    public record Fact(String key, HealthEvent event, List<String> services) {}

    private static final String SEPARATOR = "|";

    private ProviderFacts() {}

    /** The subscription an update came for, lower case; empty when it names none. */
    public static String subscription(HealthEvent e) {
        return e.subscriptionId() == null ? "" : e.subscriptionId().trim().toLowerCase(Locale.ROOT);
    }

    /**
     * True when the update ends every fact of its tracking id (in its subscription; in every subscription when it names
     * none): a service incident, advisory or maintenance at stage resolved, rca or complete that names no service and
     * no resource. That is how Azure's final "all resolved" communication reads once normalized, and how a tool posting
     * canonical events says "the whole incident is over". Resource availability is about its resource only.
     */
    public static boolean endsTrackingId(HealthEvent e) {
        HealthStage stage = e.stage() == null ? HealthStage.ACTIVE : e.stage();
        return e.kind() != HealthEventKind.RESOURCE_AVAILABILITY
                && e.impacted().isEmpty()
                && e.resourceIds().isEmpty()
                && (stage == HealthStage.RESOLVED || stage == HealthStage.RCA || stage == HealthStage.COMPLETE);
    }

    /** True when the update says the facts it names are over (resolved, RCA published, maintenance complete). */
    public static boolean isFinal(HealthEvent e) {
        return e.stage() == HealthStage.RESOLVED || e.stage() == HealthStage.RCA || e.stage() == HealthStage.COMPLETE;
    }

    /** The key of the fact that records a whole-tracking-id ending for one subscription. */
    public static String endKey(String trackingKey, String subscription) {
        return trackingKey + SEPARATOR + subscription + SEPARATOR + "*";
    }

    /** The facts of one update, in the order it names them: its (service, region) pairs, then its resources. */
    public static List<Fact> of(HealthEvent e) {
        String tracking = e.key();
        String subscription = subscription(e);
        Map<String, Fact> facts = new LinkedHashMap<>();
        Set<String> services = new LinkedHashSet<>();
        List<ImpactedService> regionsOnly = new ArrayList<>();
        for (ImpactedService pair : e.impacted()) {
            String service = ServiceNames.normalize(pair.service());
            String region = Regions.canonical(pair.region());
            if (service != null) {
                services.add(service);
            }
            ImpactedService where = new ImpactedService(null, pair.region());
            if (region != null && !regionsOnly.contains(where)) {
                regionsOnly.add(where);
            }
            String key = tracking
                    + SEPARATOR
                    + subscription
                    + SEPARATOR
                    + (service == null ? "-" : service)
                    + SEPARATOR
                    + (region == null ? Regions.GLOBAL : region);
            facts.putIfAbsent(key, new Fact(key, e.withScope(List.of(pair), List.of()), List.of()));
        }
        for (String id : e.resourceIds()) {
            String key = tracking + SEPARATOR + subscription + SEPARATOR + "resource" + SEPARATOR
                    + ComponentMatcher.resourceKey(id);
            facts.putIfAbsent(key, new Fact(key, e.withScope(regionsOnly, List.of(id)), List.copyOf(services)));
        }
        if (facts.isEmpty()) {
            String key = endKey(tracking, subscription);
            facts.put(key, new Fact(key, e, List.of()));
        }
        return List.copyOf(facts.values());
    }

    /** A record stored before facts existed: one per tracking id, keyed by the tracking id alone. */
    public static boolean isLegacy(EventRecord record) {
        return !record.key().contains(SEPARATOR);
    }

    /** The update with the provider's stage, times and words of another update (a whole-tracking-id ending). */
    public static HealthEvent endedBy(HealthEvent fact, HealthEvent end) {
        return new HealthEvent(
                fact.source(),
                fact.kind(),
                fact.trackingId(),
                fact.title(),
                end.summary() == null ? fact.summary() : end.summary(),
                end.stage(),
                fact.level(),
                fact.impacted(),
                fact.resourceIds(),
                fact.subscriptionId(),
                end.impactStart() != null ? end.impactStart() : fact.impactStart(),
                end.impactMitigation() != null ? end.impactMitigation() : fact.impactMitigation(),
                end.lastUpdate(),
                fact.link() != null ? fact.link() : end.link(),
                fact.availabilityState(),
                fact.synthetic());
    }
}
