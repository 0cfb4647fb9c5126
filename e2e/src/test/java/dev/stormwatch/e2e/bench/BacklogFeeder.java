package dev.stormwatch.e2e.bench;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.e2e.support.HealthEventFeed;
import dev.stormwatch.e2e.support.PlatformFleet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Keeps a backlog of matching updates in front of the correlator while it is open: Storage updates on 1 000 tracking
 * ids spread over a fleet's platforms, refilled 10 000 at a time whenever the correlator's input lag falls below 20
 * 000, so that a sustained rate measures the correlator, never the feed.
 */
final class BacklogFeeder implements AutoCloseable {

    private final AtomicBoolean feeding = new AtomicBoolean(true);
    private final AtomicLong produced = new AtomicLong();
    private final CompletableFuture<Void> feeder;

    /** Starts feeding; tracking ids are {@code <PREFIX>-<n>}, CloudEvent ids {@code <prefix>-<n>}. */
    BacklogFeeder(
            KafkaProducer<String, byte[]> producer, CorrelatorProgress progress, PlatformFleet fleet, String prefix) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        String tracking = prefix.toUpperCase(Locale.ROOT) + "-";
        feeder = CompletableFuture.runAsync(() -> {
            long version = 0;
            while (feeding.get()) {
                try {
                    if (progress.now().inputLag() < 20_000) {
                        for (int i = 0; i < 10_000; i++) {
                            int key = (int) (produced.get() % 1000);
                            int p = key % fleet.size();
                            String trackingId = tracking + key;
                            HealthEvent e = HealthEventFeed.storageEvent(
                                    trackingId,
                                    fleet.region(p),
                                    start,
                                    start.plusMillis(version + 1),
                                    HealthStage.ACTIVE,
                                    "Customers may see errors");
                            producer.send(new ProducerRecord<>(
                                    Topics.HEALTH_EVENTS.name(),
                                    trackingId,
                                    SystemBenchmark.record(e, prefix + "-" + produced.get())));
                            if (produced.incrementAndGet() % 1000 == 0) {
                                version++;
                            }
                        }
                        producer.flush();
                    } else {
                        Thread.sleep(200);
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
    }

    /** Stops feeding and waits for the last batch to be sent; fails with the feeder's failure. */
    @Override
    public void close() throws Exception {
        feeding.set(false);
        feeder.get(60, TimeUnit.SECONDS);
    }
}
