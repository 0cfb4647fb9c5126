package dev.stormwatch.status.drill;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drills from {@code drills.v1}: the DR leads' requests written here (DRILL_REQUESTED, start and abandon) and the
 * correlator's reports (DRILL, the highest version wins). A drill is known from its start request alone, before the
 * correlator has picked it up, so that a second start for the same platform is refused at once.
 */
@Singleton
public class DrillView implements TopicView {

    private final Map<String, DrillRequest> starts = new ConcurrentHashMap<>();
    private final Map<String, DrillRequest> abandons = new ConcurrentHashMap<>();
    private final Map<String, DrillRequest> accepts = new ConcurrentHashMap<>();
    private final Map<String, DrillReport> reports = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DRILLS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone()) {
            starts.remove(record.key());
            abandons.remove(record.key());
            accepts.remove(record.key());
            reports.remove(record.key());
            return;
        }
        String type = record.event().type();
        if (EventTypes.DRILL.equals(type) || EventTypes.DR_RUN.equals(type)) {
            DrillReport report = JsonCodec.data(record.event(), DrillReport.class);
            reports.merge(report.drillId(), report, (old, now) -> now.version() > old.version() ? now : old);
        } else if (EventTypes.DRILL_REQUESTED.equals(type)) {
            recordRequested(JsonCodec.data(record.event(), DrillRequest.class));
        }
    }

    /** Records a request; the first of each action for a drill stands (a re-sent record changes nothing). */
    public void recordRequested(DrillRequest request) {
        (switch (request.action()) {
                    case ABANDON -> abandons;
                    case ACCEPT -> accepts;
                    case START -> starts;
                })
                .putIfAbsent(request.drillId(), request);
    }

    /** A DR lead asked to accept the drill's or run's measurements (the correlator may not have confirmed yet). */
    public boolean acceptRequested(String drillId) {
        return accepts.containsKey(drillId);
    }

    public Optional<DrillItem> drill(String drillId) {
        DrillRequest start = starts.get(drillId);
        DrillReport report = reports.get(drillId);
        if (start == null && report == null) {
            return Optional.empty();
        }
        return Optional.of(DrillItem.of(drillId, start, abandons.get(drillId), report));
    }

    /** Every drill, newest first; {@code platformId} null for all platforms. */
    public List<DrillItem> all(String platformId) {
        return of(platformId, false);
    }

    /** Every real DR run, newest first; {@code platformId} null for all platforms. */
    public List<DrillItem> runs(String platformId) {
        return of(platformId, true);
    }

    private List<DrillItem> of(String platformId, boolean runs) {
        Set<String> ids = new TreeSet<>(starts.keySet());
        ids.addAll(reports.keySet());
        return ids.stream()
                .map(this::drill)
                .flatMap(Optional::stream)
                .filter(d -> d.isRun() == runs)
                .filter(d -> platformId == null || platformId.equals(d.platformId()))
                .sorted(Comparator.comparing(DrillItem::startedAtOrEpoch)
                        .reversed()
                        .thenComparing(DrillItem::drillId))
                .toList();
    }

    /** The platform's drill that is still running: neither final nor asked to be abandoned. */
    public Optional<DrillItem> running(String platformId) {
        return all(platformId).stream().filter(DrillItem::running).findFirst();
    }
}
