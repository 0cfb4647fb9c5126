package dev.stormwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import dev.stormwatch.ingest.intake.IngestResult;
import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.normalize.ActivityLogRecordsNormalizer;
import dev.stormwatch.ingest.normalize.Sources;
import dev.stormwatch.ingest.publish.PublishException;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles a batch of Event Hubs events, each an Activity Log export envelope {@code {"records":[…]}}: normalized,
 * deduplicated and published like a webhook post (the same update from both is one event). A payload that cannot be
 * read goes to the DLQ and the batch goes on; if Kafka cannot store a result the batch fails, so that its checkpoint is
 * not moved and the events are delivered again.
 */
public final class ActivityLogEventsHandler {

    private final Ingestion ingestion;

    public ActivityLogEventsHandler(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    public List<IngestResult> handle(String eventHub, String partitionId, List<EventData> batch) {
        List<IngestResult> results = new ArrayList<>(batch.size());
        String endpoint = "eventhubs:" + eventHub + "/" + partitionId;
        for (EventData event : batch) {
            IngestResult result = ingestion.ingest(
                    Sources.EVENT_HUBS,
                    endpoint,
                    event.getBody(),
                    event.getContentType(),
                    root -> ActivityLogRecordsNormalizer.normalize(root, Sources.EVENT_HUBS));
            if (result.status() >= 500) {
                throw new PublishException(
                        "event at sequence " + event.getSequenceNumber() + " of partition " + partitionId
                                + " not stored: " + result.message(),
                        null);
            }
            results.add(result);
        }
        return results;
    }
}
