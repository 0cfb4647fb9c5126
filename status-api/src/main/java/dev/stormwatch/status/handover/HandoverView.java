package dev.stormwatch.status.handover;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handovers to downstream teams from {@code handovers.v1}, de-duplicated on the CloudEvent id. */
@Singleton
public class HandoverView implements TopicView {

    private final List<Handover> handovers = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.HANDOVERS.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone() || !EventTypes.HANDOVER.equals(record.event().type()) || !seen.add(record.event().id())) {
            return;
        }
        handovers.add(JsonCodec.data(record.event(), Handover.class));
    }

    public List<Handover> all() {
        return List.copyOf(handovers);
    }
}
