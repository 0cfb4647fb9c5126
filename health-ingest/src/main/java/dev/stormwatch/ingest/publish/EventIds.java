package dev.stormwatch.ingest.publish;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The CloudEvent id of a health event: a hash of what makes it one update of one fact (key, subscription, last update
 * time, stage, impacted pairs — the service among them) and deliberately not of its source, so that the same update
 * arriving by the webhook and by Event Hubs is one event to every idempotent consumer.
 */
public final class EventIds {

    private EventIds() {}

    public static String of(HealthEvent e) {
        StringBuilder s = new StringBuilder();
        s.append(e.key().toLowerCase(Locale.ROOT))
                .append('\n')
                .append(e.subscriptionId() == null ? "" : e.subscriptionId().toLowerCase(Locale.ROOT))
                .append('\n')
                .append(e.lastUpdate())
                .append('\n')
                .append(e.stage() == null ? "" : e.stage().wire())
                .append('\n');
        TreeSet<String> pairs = new TreeSet<>();
        for (ImpactedService p : e.impacted()) {
            pairs.add((p.service() == null ? "" : p.service().toLowerCase(Locale.ROOT)) + "@" + p.region());
        }
        pairs.forEach(p -> s.append(p).append('\n'));
        return "he-" + ContentHash.hex(16, s.toString());
    }
}
