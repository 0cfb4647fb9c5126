package dev.stormwatch.correlator;

import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.correlator.platform.IncidentRecord;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the stores from growing for ever: CloudEvent ids older than the dedup retention are forgotten, and incidents
 * resolved or closed longer ago than the history retention leave the stores with their events and decisions (their last
 * snapshots stay on the compacted topics). An incident of the DR episode in progress stays.
 */
public final class Housekeeping {

    /** From when {@link #prune} has something to do for a platform's run; null when the platform has none yet. */
    public static Instant nextDue(PlatformRun run, Duration pruneInterval) {
        if (run == null) {
            return null;
        }
        return run.lastPruneAt() == null ? Instant.EPOCH : run.lastPruneAt().plus(pruneInterval);
    }

    public void prune(PlatformWork work) {
        var timers = work.config().timers();
        PlatformRun run = work.run();
        Instant now = work.now();
        if (now.isBefore(nextDue(run, timers.pruneInterval()))) {
            return;
        }
        PlatformView view = work.view();
        view.forgetSeenBefore(now.minus(timers.dedupRetention()));
        Instant before = now.minus(timers.historyRetention());
        for (IncidentRecord record : view.incidents()) {
            var incident = record.incident();
            Instant ended = incident.state() == IncidentState.CLOSED
                    ? incident.closedAt()
                    : incident.state() == IncidentState.RESOLVED ? incident.resolvedAt() : null;
            if (ended != null && ended.isBefore(before) && !incident.id().equals(run.episodeIncidentId())) {
                view.forget(record);
            }
        }
        view.put(run.withLastPruneAt(now));
    }
}
