package dev.stormwatch.status.handover;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.RecentWindow;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Recent handovers to downstream teams from {@code handovers.v1}, de-duplicated on the CloudEvent id. Bounded: older
 * than the window (handovers.v1's retention by default) or beyond a count, the oldest leave.
 */
@Singleton
public class HandoverView implements TopicView {

    /** Handovers held at most, by default. */
    public static final int DEFAULT_MAX_ENTRIES = 20_000;

    // A copy of a handover that left the window is older than every one held, so it leaves again at once.
    private final RecentWindow<Handover> handovers;

    /** With the defaults: handovers.v1's retention and {@link #DEFAULT_MAX_ENTRIES}. */
    public HandoverView() {
        this(Topics.HANDOVERS.retention(), DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    @Inject
    public HandoverView(StatusApiConfig config, Clock clock) {
        this(
                config.handovers().window().orElse(Topics.HANDOVERS.retention()),
                config.handovers().maxEntries(),
                clock);
    }

    public HandoverView(Duration window, int maxEntries, Clock clock) {
        this.handovers = new RecentWindow<>(window, maxEntries, clock);
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.HANDOVERS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone() || !EventTypes.HANDOVER.equals(record.event().type())) {
            return;
        }
        Handover h = JsonCodec.data(record.event(), Handover.class);
        handovers.add(record.event().id(), record.writtenAt(), h);
    }

    /** Every handover held, oldest first. */
    public List<Handover> all() {
        return List.copyOf(handovers.values());
    }

    public int size() {
        return handovers.size();
    }
}
