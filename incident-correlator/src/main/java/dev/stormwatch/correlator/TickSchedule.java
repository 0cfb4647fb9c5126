package dev.stormwatch.correlator;

import dev.stormwatch.correlator.config.CorrelatorConfig;
import dev.stormwatch.correlator.decision.DecisionTimers;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.platform.DueIndex;
import dev.stormwatch.correlator.platform.PlatformRun;
import dev.stormwatch.correlator.platform.PlatformView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which platforms a timer tick visits: those with a reminder, a deadline, a fallback retry, a readiness check, a drill
 * policy or housekeeping due by then. Visiting every platform on every tick made a thousand quiet platforms cost more
 * than the events being correlated. Kept in memory by the task that owns the platforms, from their views after each
 * input and tick; a task that starts has every stored platform due at once, so the stores stay the truth.
 */
final class TickSchedule {

    private final DueIndex due = new DueIndex();
    /** When a tick last checked each platform's readiness with no change to report (no report records that). */
    private final Map<String, Instant> readinessChecked = new HashMap<>();

    private final DecisionTimers timers;
    private final Duration readinessInterval;
    private final Duration pruneInterval;

    TickSchedule(DecisionTimers timers, CorrelatorConfig config) {
        this.timers = timers;
        this.readinessInterval = config.readiness().interval();
        this.pruneInterval = config.timers().pruneInterval();
    }

    /** A platform whose timers are not known yet: the next tick visits it. */
    void dueAtOnce(String platformId) {
        due.put(platformId, Instant.EPOCH);
    }

    /** The platforms whose timers have something to do at {@code now}. */
    List<String> dueBy(Instant now) {
        return due.before(now.plusNanos(1));
    }

    /** After an input or a tick ({@code ticked}) changed the platform's view at {@code now}: when to visit it next. */
    void visited(PlatformView view, Instant now, boolean ticked) {
        String platformId = view.platformId();
        Instant readiness = PlatformFeasibility.readinessDue(view, readinessInterval);
        if (ticked && readiness != null && !now.isBefore(readiness)) {
            readinessChecked.put(platformId, now);
        }
        Instant checked = readinessChecked.get(platformId);
        if (readiness != null && checked != null && !checked.isBefore(readiness)) {
            readiness = checked.plus(readinessInterval);
        }
        PlatformRun run = view.storedRun();
        Instant next = earliest(
                timers.nextDue(view.decisions()),
                run == null ? null : run.fallbackRetryAt(),
                Housekeeping.nextDue(run, pruneInterval),
                readiness,
                PlatformFeasibility.drillOverdueDue(view));
        if (next == null) {
            due.remove(platformId);
        } else {
            due.put(platformId, next);
        }
    }

    void clear() {
        due.clear();
        readinessChecked.clear();
    }

    private static Instant earliest(Instant... instants) {
        Instant first = null;
        for (Instant i : instants) {
            if (i != null && (first == null || i.isBefore(first))) {
                first = i;
            }
        }
        return first;
    }
}
