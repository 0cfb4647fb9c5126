package dev.stormwatch.status.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A downstream webhook subscription as kept on {@code subscriptions.v1} (key: its id). The secret is stored only
 * encrypted ({@link SecretBox}); {@code startOffsets} ("topic/partition" → offset) are the ends of the source topics
 * when it was created, so that it gets what happens from then on, even before its consumer first joins.
 *
 * @param eventTypes handover, incident, decision
 * @param drills true: drill handovers (and drill incidents and decisions) are delivered too
 */
public record Subscription(
        String id,
        String owner,
        String url,
        String encryptedSecret,
        List<String> platforms,
        List<String> components,
        Set<String> eventTypes,
        boolean drills,
        String createdBy,
        Instant createdAt,
        Map<String, Long> startOffsets) {

    public Subscription {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        components = components == null ? List.of() : List.copyOf(components);
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        startOffsets = startOffsets == null ? Map.of() : Map.copyOf(startOffsets);
    }
}
