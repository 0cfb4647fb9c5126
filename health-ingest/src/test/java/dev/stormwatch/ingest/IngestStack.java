package dev.stormwatch.ingest;

import dev.stormwatch.ingest.intake.Ingestion;
import dev.stormwatch.ingest.intake.PayloadReader;
import dev.stormwatch.ingest.publish.DeadLetters;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import dev.stormwatch.ingest.publish.IngestMetrics;
import dev.stormwatch.ingest.publish.SeenIndex;
import dev.stormwatch.ingest.publish.SeenIndexLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;

/**
 * One health-ingest's publishing side outside Quarkus, on the real broker: its own seen-index rebuilt from
 * health-events.v1, its own idempotent producer. A new stack is what a restarted instance starts with.
 */
public final class IngestStack implements AutoCloseable {

    public final SeenIndex index = new SeenIndex();
    public final SeenIndexLoader loader;
    public final Producer<String, byte[]> producer;
    public final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    public final Ingestion ingestion;

    public IngestStack(String bootstrap, Clock clock) {
        loader = new SeenIndexLoader(bootstrap, index).start();
        producer = IngestBeans.producer(bootstrap, "ingest-stack");
        ingestion = new Ingestion(
                new HealthEventPublisher(producer, index, metrics, clock, Duration.ofSeconds(10)),
                new DeadLetters(producer, clock, 131072, Duration.ofSeconds(10)),
                metrics,
                index,
                new PayloadReader(64),
                1 << 20,
                "stormwatch.ingest.body-limit.activity-log",
                Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        loader.close();
        producer.close();
    }
}
