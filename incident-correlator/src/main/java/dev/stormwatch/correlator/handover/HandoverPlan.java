package dev.stormwatch.correlator.handover;

import dev.stormwatch.contracts.catalog.Downstream;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.correlator.platform.CatalogView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Handovers to downstream teams: one per component, in dependency order (the recovery plan's run order: foundation
 * first, then the workflow left to right), naming the region, the data timestamp and the downstream consumers the
 * catalog lists for it.
 */
public final class HandoverPlan {

    private HandoverPlan() {}

    public static List<Handover> of(
            CatalogView catalog,
            HandoverReason reason,
            String region,
            Function<String, Instant> dataTimestamp,
            String incidentId,
            Instant at,
            boolean drill) {
        List<Handover> out = new ArrayList<>();
        int order = 0;
        for (String componentId : catalog.runOrder()) {
            order++;
            List<String> consumers = catalog.catalog().consumersOf(componentId).stream()
                    .map(Downstream::id)
                    .toList();
            out.add(new Handover(
                    incidentId + "-" + reason.wire() + "-" + componentId,
                    catalog.platformId(),
                    componentId,
                    catalog.name(componentId),
                    region,
                    dataTimestamp.apply(componentId),
                    consumers,
                    order,
                    reason,
                    incidentId,
                    at,
                    drill));
        }
        return out;
    }
}
