package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.List;

/** Copies of a {@link HealthEvent} with one part changed, for the steps that refine what a normalizer read. */
public final class Revised {

    private Revised() {}

    public static HealthEvent impacted(HealthEvent e, List<ImpactedService> impacted) {
        return new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                impacted,
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
    }

    public static HealthEvent resourceIds(HealthEvent e, List<String> resourceIds) {
        return new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                resourceIds,
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
    }
}
