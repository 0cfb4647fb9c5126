package dev.stormwatch.status.feasibility;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.TopicView;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The correlator's latest feasibility report per platform, from {@code feasibility.v1}. */
@Singleton
public class FeasibilityView implements TopicView {

    private final Map<String, FeasibilityReport> reports = new ConcurrentHashMap<>();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.FEASIBILITY.name());
    }

    @Override
    public void apply(ConsumedRecord record) {
        if (record.isTombstone()) {
            reports.remove(record.key());
        } else if (EventTypes.FEASIBILITY.equals(record.event().type())) {
            FeasibilityReport report = JsonCodec.data(record.event(), FeasibilityReport.class);
            // Compacted and keyed by platform: the later record is the newer evaluation, unless it says otherwise.
            reports.merge(
                    report.platformId(),
                    report,
                    (old, now) -> old.evaluatedAt() != null
                                    && now.evaluatedAt() != null
                                    && now.evaluatedAt().isBefore(old.evaluatedAt())
                            ? old
                            : now);
        }
    }

    public Optional<FeasibilityReport> report(String platformId) {
        return Optional.ofNullable(reports.get(platformId));
    }

    public Collection<FeasibilityReport> all() {
        return reports.values();
    }
}
