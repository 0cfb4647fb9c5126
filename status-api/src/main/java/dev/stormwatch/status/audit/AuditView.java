package dev.stormwatch.status.audit;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
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
import java.util.function.Predicate;

/**
 * The recent evidence trail from {@code audit.v1}, every service's records, de-duplicated on the CloudEvent id and
 * ordered by when they were written. Bounded: records older than the window (audit.v1's retention by default) and the
 * oldest beyond a count leave; the whole trail stays on the topic.
 */
@Singleton
public class AuditView implements TopicView {

    /** Records held at most, by default. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    // A copy of a record that left the window is older than every record held, so it leaves again at once: dropping
    // its id breaks no de-duplication.
    private final RecentWindow<AuditEntry> entries;

    /** With the defaults: audit.v1's retention and {@link #DEFAULT_MAX_ENTRIES}. */
    public AuditView() {
        this(Topics.AUDIT.retention(), DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    @Inject
    public AuditView(StatusApiConfig config, Clock clock) {
        this(
                config.audit().window().orElse(Topics.AUDIT.retention()),
                config.audit().maxEntries(),
                clock);
    }

    public AuditView(Duration window, int maxEntries, Clock clock) {
        this.entries = new RecentWindow<>(window, maxEntries, clock);
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.AUDIT.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone() || !EventTypes.AUDIT.equals(record.event().type())) {
            return;
        }
        AuditRecord r = JsonCodec.data(record.event(), AuditRecord.class);
        entries.add(
                record.event().id(),
                record.writtenAt(),
                new AuditEntry(
                        record.event().id(),
                        record.event().source(),
                        r.platformId(),
                        r.at(),
                        r.actor(),
                        r.action(),
                        r.subjectId(),
                        r.detail(),
                        r.drill()));
    }

    /** Every record held that matches, oldest first. */
    public List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        return entries.values().stream().filter(filter).toList();
    }

    /** The newest {@code limit} records that match, older than {@code before} if given, oldest first. */
    public RecentWindow.Page<AuditEntry> page(Predicate<AuditEntry> filter, RecentWindow.Position before, int limit) {
        return entries.page(filter, before, limit);
    }

    public int size() {
        return entries.size();
    }
}
