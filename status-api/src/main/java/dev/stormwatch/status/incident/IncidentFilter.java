package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Which incidents the list selects: each set empty means any; {@code from}/{@code until} bound when the incident
 * opened, [from, until); {@code drill} null means both drills and real incidents.
 */
public record IncidentFilter(
        Set<IncidentState> states,
        Set<Severity> severities,
        Set<String> platforms,
        Instant from,
        Instant until,
        Boolean drill) {

    /** Every incident. */
    public static final IncidentFilter ALL = new IncidentFilter(Set.of(), Set.of(), Set.of(), null, null, null);

    public IncidentFilter {
        states = Set.copyOf(states);
        severities = Set.copyOf(severities);
        platforms = Set.copyOf(platforms);
    }

    public boolean selectsAll() {
        return states.isEmpty()
                && severities.isEmpty()
                && platforms.isEmpty()
                && from == null
                && until == null
                && drill == null;
    }

    /** True when only the incident's opening time (its place in the list) can decide beyond its counted facets. */
    boolean timeBounded() {
        return from != null || until != null;
    }

    public boolean matches(Incident i) {
        return (platforms.isEmpty() || platforms.contains(IncidentView.platformOf(i)))
                && matches(i.state(), i.severity(), i.drill())
                && opensWithin(IncidentView.opened(i));
    }

    /** The part of the filter an incident's counted facets answer (everything but the platform and the time). */
    boolean matches(IncidentState state, Severity severity, boolean isDrill) {
        return (states.isEmpty() || states.contains(state))
                && (severities.isEmpty() || severities.contains(severity))
                && (drill == null || drill == isDrill);
    }

    private boolean opensWithin(Instant opened) {
        if (!timeBounded()) {
            return true;
        }
        return opened != null && (from == null || !opened.isBefore(from)) && (until == null || opened.isBefore(until));
    }
}
