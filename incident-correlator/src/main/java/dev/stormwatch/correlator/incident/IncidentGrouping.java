package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentRecord;
import java.time.Duration;
import java.time.Instant;
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

    private final Duration window;

    public IncidentGrouping(Duration window) {
        this.window = window;
    }

    public Optional<IncidentRecord> find(List<IncidentRecord> incidents, EventRecord event) {
        Instant start = event.start();
        for (IncidentRecord candidate : incidents) {
            IncidentState state = candidate.incident().state();
            if (state != IncidentState.OPEN && state != IncidentState.MITIGATED) {
                continue;
            }
            if (candidate.synthetic() != event.event().synthetic()
                    || candidate.incident().drill() != event.drill()) {
                continue;
            }
            if (withinWindow(candidate, start) && overlaps(candidate, event.hits())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
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
