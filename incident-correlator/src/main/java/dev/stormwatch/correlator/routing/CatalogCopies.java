package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.event.Envelope;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Every routing task gets a copy of every catalog, so that health events are routed on the partitions they were written
 * to (no single-partition hop in front of the router). Each copy carries the catalog's position in its topic (one
 * partition, so the position orders a platform's catalogs): a task that owns a platform applies a catalog once and
 * ignores the copies of it, and of older catalogs, that the other routing tasks forward after it.
 */
public final class CatalogCopies {

    /** Header holding the catalog record's offset in its topic, eight bytes big-endian. */
    public static final String POSITION_HEADER = "stormwatch-catalog-position";

    private CatalogCopies() {}

    /** Stamps each catalog record (and tombstone) with its position in the catalog topic. */
    public static FixedKeyProcessor<String, Envelope<?>, Envelope<?>> stamp() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Envelope<?>> context;

            @Override
            public void init(FixedKeyProcessorContext<String, Envelope<?>> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, Envelope<?>> record) {
                long offset =
                        context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
                Headers headers = new RecordHeaders(record.headers().toArray());
                headers.remove(POSITION_HEADER);
                headers.add(
                        POSITION_HEADER,
                        ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
                context.forward(record.withHeaders(headers));
            }
        };
    }

    /** The catalog topic position a copy carries; empty for a record that was not stamped. */
    public static Optional<Long> position(Headers headers) {
        Header header = headers.lastHeader(POSITION_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(header.value()).getLong());
    }

    /** Sends each catalog record to every partition of the routing topic. */
    public static StreamPartitioner<String, Envelope<?>> everyPartition() {
        return (topic, key, value, partitions) -> Optional.of(all(partitions));
    }

    private static Set<Integer> all(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
    }
}
