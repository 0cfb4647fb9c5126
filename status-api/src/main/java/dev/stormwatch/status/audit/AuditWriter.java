package dev.stormwatch.status.audit;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.status.kafka.EventPublisher;
import jakarta.inject.Singleton;

/** Writes what status-api did (catalog published, decision taken, subscription created) to {@code audit.v1}. */
@Singleton
public class AuditWriter {

    public static final String SOURCE = "/stormwatch/status-api";

    private final EventPublisher publisher;

    public AuditWriter(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Writes one audit record keyed by platform id. {@code eventId} is deterministic for the action it records, so that
     * a re-sent record is de-duplicated by its consumers.
     */
    public void write(String eventId, AuditRecord record) {
        publisher.publish(
                Topics.AUDIT,
                record.platformId() == null ? "" : record.platformId(),
                JsonCodec.envelope(
                        eventId, EventTypes.AUDIT, SOURCE, record.subjectId(), record.at(), record.drill(), record));
    }
}
