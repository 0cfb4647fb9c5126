package dev.stormwatch.correlator.routing;

import java.time.Instant;
import java.util.List;

/**
 * The platforms a tracking id was routed to, and when it was last seen: later updates of it go there too, even when
 * they name nothing a catalog matches (a resolution naming no service, a service's resolution without the resources
 * that matched).
 */
public record TrackedPlatforms(List<String> platformIds, Instant lastSeen) {

    public TrackedPlatforms {
        platformIds = platformIds == null ? List.of() : List.copyOf(platformIds);
    }
}
