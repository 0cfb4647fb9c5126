package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.match.Impact;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Instant;
import java.util.Optional;

/** What the incident's provider facts say about the platform's primary region, which decides whether DR is needed. */
final class PrimaryRegion {

    private PrimaryRegion() {}

    /**
     * When the incident's outage of a priority component in the primary region began: the earliest impact start of the
     * facts that were an outage there at some point (a fact that has ended still says when the outage began, so a
     * resolution never moves the deadline; only the provider's revisions do).
     */
    static Optional<Instant> outageStart(PlatformWork work, String incidentId) {
        Instant start = null;
        for (EventRecord e : work.view().eventsOf(incidentId)) {
            if (e.outageSeen() && hitsPriorityInPrimary(work, e)) {
                start = start == null || e.start().isBefore(start) ? e.start() : start;
            }
        }
        return Optional.ofNullable(start);
    }

    /** True while an outage of a priority component in the primary region is going on in the incident. */
    static boolean outageGoingOn(PlatformWork work, String incidentId) {
        return work.view().eventsOf(incidentId).stream()
                .anyMatch(e -> e.ongoing() && e.impact() == Impact.OUTAGE && hitsPriorityInPrimary(work, e));
    }

    private static boolean hitsPriorityInPrimary(PlatformWork work, EventRecord e) {
        CatalogView c = work.catalog();
        int maxPriority = work.config().decisions().invokeDrMaxPriority();
        for (Hit h : e.hits()) {
            Component component = c.component(h.componentId());
            if (h.region().equals(c.primary()) && component != null && component.priorityOrDefault() <= maxPriority) {
                return true;
            }
        }
        return false;
    }

    /**
     * True while any fact of the incident that hits the primary region is still going on: every service Azure named
     * there must be resolved (by its own update or by the end of its tracking id) before the primary counts as
     * recovered.
     */
    static boolean primaryImpacted(PlatformWork work, String incidentId) {
        String primary = work.catalog().primary();
        return work.view().eventsOf(incidentId).stream().anyMatch(e -> e.ongoing() && e.hitsRegion(primary));
    }
}
