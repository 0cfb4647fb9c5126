package dev.stormwatch.status.kafka;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.error.ApiError;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Writes status-api's CloudEvents (catalogs, decisions taken, audit records, subscriptions) and waits for the broker's
 * acknowledgement, so that an HTTP caller is told "done" only once the record is durable.
 */
@Singleton
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    public EventPublisher(KafkaSettings settings, StatusApiConfig config) {
        this.producer = new KafkaProducer<>(settings.producer("status-api-publisher"));
        this.timeout = config.sendTimeout();
    }

    /** Sends and waits; a broker that does not answer in time is a 503 for the caller. */
    public RecordMetadata publish(Topic topic, String key, CloudEvent event) {
        return send(topic, key, event == null ? null : JsonCodec.toBytes(event));
    }

    /** A tombstone: deletes {@code key} from a compacted topic. */
    public RecordMetadata delete(Topic topic, String key) {
        return send(topic, key, null);
    }

    private RecordMetadata send(Topic topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic.name(), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while writing to " + topic.name());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.errorf("cannot write key %s to %s: %s", key, topic.name(), cause.toString());
            throw ApiError.unavailable("Kafka did not accept the record on " + topic.name() + " within "
                    + timeout.toSeconds() + " s; check the current state before you retry");
        }
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
