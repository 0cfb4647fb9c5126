package dev.stormwatch.status.audit;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** The evidence trail from {@code audit.v1}, every service's records, de-duplicated on the CloudEvent id. */
@Singleton
public class AuditView implements TopicView {

    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.AUDIT.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone() || !EventTypes.AUDIT.equals(record.event().type()) || !seen.add(record.event().id())) {
            return;
        }
        AuditRecord r = JsonCodec.data(record.event(), AuditRecord.class);
        entries.add(new AuditEntry(record.event().id(), record.event().source(), r.platformId(), r.at(), r.actor(),
                r.action(), r.subjectId(), r.detail(), r.drill()));
    }

    public List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        return entries.stream().filter(filter).toList();
    }
}
