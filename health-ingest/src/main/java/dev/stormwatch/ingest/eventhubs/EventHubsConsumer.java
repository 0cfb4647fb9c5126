package dev.stormwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import com.azure.messaging.eventhubs.checkpointstore.blob.BlobCheckpointStore;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import dev.stormwatch.ingest.config.IngestConfig;
import dev.stormwatch.ingest.intake.Ingestion;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Runs an {@link EventProcessorClient} over the Activity Log event hub when
 * {@code stormwatch.ingest.event-hubs.connection-string} is set (off otherwise), with the blob checkpoint store; each
 * batch goes through {@link ActivityLogEventsHandler} and its checkpoint moves only after every event was stored.
 */
@Singleton
public class EventHubsConsumer {

    private static final Logger LOG = Logger.getLogger(EventHubsConsumer.class);

    private final IngestConfig.EventHubs config;
    private final Ingestion ingestion;
    private EventProcessorClient processor;

    public EventHubsConsumer(IngestConfig config, Ingestion ingestion) {
        this.config = config.eventHubs();
        this.ingestion = ingestion;
    }

    void start(@Observes StartupEvent event) {
        if (config.connectionString().filter(s -> !s.isBlank()).isEmpty()) {
            LOG.info("Event Hubs consumer off: stormwatch.ingest.event-hubs.connection-string is not set");
            return;
        }
        String storage = config.checkpointStorageConnectionString()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "stormwatch.ingest.event-hubs.checkpoint-storage-connection-string is required with "
                                + "the Event Hubs connection string"));
        BlobContainerAsyncClient container = new BlobContainerClientBuilder()
                .connectionString(storage)
                .containerName(config.checkpointContainer())
                .buildAsyncClient();
        processor = build(config, new BlobCheckpointStore(container), new ActivityLogEventsHandler(ingestion));
        processor.start();
        LOG.infof(
                "Event Hubs consumer started on %s (consumer group %s)", config.eventHubName(), config.consumerGroup());
    }

    /** The processor for {@code config}, with any checkpoint store (the opt-in namespace test passes its own). */
    public static EventProcessorClient build(
            IngestConfig.EventHubs config, CheckpointStore checkpoints, ActivityLogEventsHandler handler) {
        String connection = config.connectionString().orElseThrow();
        EventProcessorClientBuilder builder = new EventProcessorClientBuilder()
                .consumerGroup(config.consumerGroup())
                .checkpointStore(checkpoints)
                .processEventBatch(
                        batch -> {
                            String partition = batch.getPartitionContext().getPartitionId();
                            handler.handle(batch.getPartitionContext().getEventHubName(), partition, batch.getEvents());
                            if (!batch.getEvents().isEmpty()) {
                                batch.updateCheckpoint();
                            }
                        },
                        config.maxBatchSize(),
                        config.maxWait())
                .processError(error -> LOG.errorf(
                        error.getThrowable(),
                        "Event Hubs partition %s: %s",
                        error.getPartitionContext().getPartitionId(),
                        error.getThrowable().getMessage()));
        if (connection.contains("EntityPath=")) {
            builder.connectionString(connection);
        } else {
            builder.connectionString(connection, config.eventHubName());
        }
        return builder.buildEventProcessorClient();
    }

    void stop(@Observes ShutdownEvent event) {
        if (processor != null) {
            processor.stop();
        }
    }
}
