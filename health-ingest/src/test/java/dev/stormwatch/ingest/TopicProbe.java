package dev.stormwatch.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads back exactly what an action wrote to a topic, with a plain consumer: {@link #mark()} remembers the end of every
 * partition; {@link #drain()} writes a sentinel to every partition and reads up to all of them, so the records in
 * between are all the action produced (the action returned only after Kafka acknowledged them) — no sleeping and
 * guessing whether more are coming.
 */
public final class TopicProbe implements AutoCloseable {

    public static final String SENTINEL_PREFIX = "probe-sentinel-";

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final List<TopicPartition> partitions;

    public TopicProbe(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        consumer.assign(partitions);
        mark();
    }

    /** Rewinds to the start of the topic, so that {@link #drain()} returns everything it ever held. */
    public TopicProbe rewind() {
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        return this;
    }

    public TopicProbe mark() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return this;
    }

    /** Every record written since {@link #mark()}, sentinels left out; the probe is marked again afterwards. */
    public List<ConsumerRecord<String, byte[]>> drain() {
        String run = SENTINEL_PREFIX + UUID.randomUUID();
        try {
            for (TopicPartition tp : partitions) {
                producer.send(new ProducerRecord<>(
                                topic,
                                tp.partition(),
                                run,
                                "{\"id\":\"probe-sentinel\"}".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write sentinels to " + topic, e);
        }
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < partitions.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sentinels not read back from " + topic + " within 30 s");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (run.equals(r.key())) {
                    seen.add(r.partition());
                } else if (!seen.contains(r.partition())
                        && (r.key() == null || !r.key().startsWith(SENTINEL_PREFIX))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
