package dev.stormwatch.status.incident;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The latest snapshot of every incident, from {@code incidents.v1}; an older or equal version is ignored. */
@Singleton
public class IncidentView implements TopicView {

    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INCIDENTS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone()) {
            incidents.remove(record.key());
            return;
        }
        if (!EventTypes.INCIDENT.equals(record.event().type())) {
            return;
        }
        Incident incident = JsonCodec.data(record.event(), Incident.class);
        incidents.merge(incident.id(), incident, (old, now) -> now.version() > old.version() ? now : old);
    }

    public Optional<Incident> incident(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    public Collection<Incident> all() {
        return incidents.values();
    }

    public long openCount(String platformId) {
        return incidents.values().stream()
                .filter(i -> platformId.equals(i.platformId()) && i.state() == IncidentState.OPEN)
                .count();
    }
}
