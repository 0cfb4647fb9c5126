package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.PlatformView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which open incident a new provider event joins. The same tracking id stays in its incident (the caller looks that up
 * first); an event with another tracking id joins the oldest incident that is still open or mitigated, of the same kind
 * (real or provider test, drill or not), that it overlaps — the same component in the same region, or the same region —
 * when its impact starts within the window around the incident's. A component in another region is another deployment:
 * a failure there is the DR target's problem, not more of the same outage.
 */
public final class IncidentGrouping {

    /** Oldest first: by opening time, then by id. */
    private static final Comparator<IncidentRecord> OPENING_ORDER =
            Comparator.comparing((IncidentRecord i) -> i.incident().openedAt()).thenComparing(IncidentRecord::id);

    private final Duration window;

    public IncidentGrouping(Duration window) {
        this.window = window;
    }

    /** The incident the event joins among the platform's, looking only at those its regions and start may reach. */
    public Optional<IncidentRecord> find(PlatformView view, EventRecord event) {
        return find(view.groupingCandidates(event.hits(), event.start(), window), event);
    }

    /** The incident the event joins among {@code incidents} (any order; they may include ones it cannot join). */
    public Optional<IncidentRecord> find(Collection<IncidentRecord> incidents, EventRecord event) {
        IncidentRecord oldest = null;
        for (IncidentRecord candidate : incidents) {
            if (joins(candidate, event) && (oldest == null || OPENING_ORDER.compare(candidate, oldest) < 0)) {
                oldest = candidate;
            }
        }
        return Optional.ofNullable(oldest);
    }

    private boolean joins(IncidentRecord candidate, EventRecord event) {
        IncidentState state = candidate.incident().state();
        if (state != IncidentState.OPEN && state != IncidentState.MITIGATED) {
            return false;
        }
        if (candidate.synthetic() != event.event().synthetic()
                || candidate.incident().drill() != event.drill()) {
            return false;
        }
        return withinWindow(candidate, event.start()) && overlaps(candidate, event.hits());
    }

    private boolean withinWindow(IncidentRecord candidate, Instant start) {
        Instant first = candidate.incident().impactStart();
        Instant last = candidate.lastImpactStart() == null ? first : candidate.lastImpactStart();
        if (first == null) {
            return true;
        }
        return !start.isBefore(first.minus(window)) && !start.isAfter(last.plus(window));
    }

    private static boolean overlaps(IncidentRecord candidate, List<Hit> hits) {
        for (Hit hit : hits) {
            if (candidate.footprint().contains(hit)
                    || candidate.incident().regions().contains(hit.region())) {
                return true;
            }
        }
        return false;
    }
}
