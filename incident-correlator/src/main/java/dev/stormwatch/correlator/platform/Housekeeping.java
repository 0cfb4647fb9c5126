package dev.stormwatch.correlator.platform;

import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.incident.IncidentRecord;

import java.time.Instant;

/**
 * Keeps the stores from growing for ever: CloudEvent ids older than the dedup retention are forgotten, and incidents
 * closed longer ago than the history retention leave the stores with their events and decisions (their last
 * snapshots stay on the compacted topics).
 */
public final class Housekeeping {

    public void prune(PlatformWork work) {
        var timers = work.config().timers();
        PlatformRun run = work.run();
        Instant now = work.now();
        if (run.lastPruneAt() != null && now.isBefore(run.lastPruneAt().plus(timers.pruneInterval()))) {
            return;
        }
        PlatformView view = work.view();
        view.forgetSeenBefore(now.minus(timers.dedupRetention()));
        Instant before = now.minus(timers.historyRetention());
        for (IncidentRecord incident : view.incidents()) {
            if (incident.incident().state() == IncidentState.CLOSED && incident.incident().closedAt().isBefore(before)) {
                view.forget(incident);
            }
        }
        view.put(run.withLastPruneAt(now));
    }
}
