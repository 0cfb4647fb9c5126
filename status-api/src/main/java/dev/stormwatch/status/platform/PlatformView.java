package dev.stormwatch.status.platform;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms (latest catalog per platform id from {@code catalog.v1}) and the current status of their components
 * (latest {@link ComponentStatus} per platform/component from {@code component-status.v1}).
 */
@Singleton
public class PlatformView implements TopicView {

    private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();
    private final Map<String, ComponentStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CATALOG.name(), Topics.COMPONENT_STATUS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.topic().equals(Topics.CATALOG.name())) {
            if (record.isTombstone()) {
                catalogs.remove(record.key());
            } else if (EventTypes.CATALOG.equals(record.event().type())) {
                Catalog catalog = JsonCodec.data(record.event(), Catalog.class);
                catalogs.put(catalog.platformId(), catalog);
            }
        } else if (record.isTombstone()) {
            statuses.remove(record.key());
        } else if (EventTypes.COMPONENT_STATUS.equals(record.event().type())) {
            ComponentStatus status = JsonCodec.data(record.event(), ComponentStatus.class);
            // Idempotent: an older or repeated snapshot of the same component does not win over a newer one.
            statuses.merge(status.key(), status, (old, now) -> isOlder(now, old) ? old : now);
        }
    }

    private static boolean isOlder(ComponentStatus candidate, ComponentStatus current) {
        return candidate.updatedAt() != null
                && current.updatedAt() != null
                && candidate.updatedAt().isBefore(current.updatedAt());
    }

    public Collection<Catalog> catalogs() {
        return catalogs.values().stream()
                .sorted(java.util.Comparator.comparing(Catalog::platformId))
                .toList();
    }

    public Optional<Catalog> catalog(String platformId) {
        return Optional.ofNullable(catalogs.get(platformId));
    }

    public Optional<ComponentStatus> status(String platformId, String componentId) {
        return Optional.ofNullable(statuses.get(ComponentStatus.key(platformId, componentId)));
    }

    /** Status records of one platform, including components the catalog no longer lists. */
    public List<ComponentStatus> statuses(String platformId) {
        return statuses.values().stream()
                .filter(s -> platformId.equals(s.platformId()))
                .toList();
    }
}
