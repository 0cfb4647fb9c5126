package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A platform's last written component statuses, and which components' statuses may have changed since they were last
 * worked out: only those are worked out again, unless everything must be (the view was just read, or the catalog or the
 * DR episode changed).
 */
final class StatusBook {

    private final Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
    /** Components whose last written status is not operational in every region. */
    private final Set<String> notOperational = new HashSet<>();
    /** Components whose events changed since the last derivation; null: every component. */
    private Set<String> changed;

    ComponentStatus get(String componentId) {
        return statuses.get(componentId);
    }

    Collection<ComponentStatus> all() {
        return statuses.values();
    }

    Set<String> notOperational() {
        return notOperational;
    }

    void put(ComponentStatus status) {
        statuses.put(status.componentId(), status);
        boolean operational = status.state() == ComponentState.OPERATIONAL
                && status.regions().values().stream().allMatch(r -> r == ComponentState.OPERATIONAL);
        if (operational) {
            notOperational.remove(status.componentId());
        } else {
            notOperational.add(status.componentId());
        }
    }

    /** The events of this component changed. */
    void eventsChanged(String componentId) {
        if (changed != null) {
            changed.add(componentId);
        }
    }

    /** Every component's status must be worked out again. */
    void everything() {
        changed = null;
    }

    /** The components whose events changed since the last call, or empty for every component; collects anew. */
    Optional<Set<String>> take() {
        Set<String> taken = changed;
        changed = new HashSet<>();
        return Optional.ofNullable(taken);
    }
}
