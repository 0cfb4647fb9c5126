package dev.stormwatch.ingest.publish;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.health.RejectedInput;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes every payload health-ingest could not turn into health events to {@code health-events.dlq.v1}: a CloudEvent of
 * type {@link EventTypes#HEALTH_EVENT_REJECTED} wrapping a {@link RejectedInput} with the reason and the raw body (cut
 * at a configured number of characters so that the record fits in Kafka). Waits for the broker's acknowledgement: a
 * rejection that could not be recorded is a 503, never a silent drop.
 */
public final class DeadLetters {

    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final int rawChars;
    private final Duration timeout;

    public DeadLetters(Producer<String, byte[]> producer, Clock clock, int rawChars, Duration timeout) {
        this.producer = producer;
        this.clock = clock;
        this.rawChars = rawChars;
        this.timeout = timeout;
    }

    /** Records the rejection and returns the DLQ record's CloudEvent id. */
    public String send(String source, String endpoint, String reason, String contentType, byte[] raw) {
        byte[] body = raw == null ? new byte[0] : raw;
        String text = decode(body, rawChars);
        boolean truncated = text.length() > rawChars || (long) rawChars * 4 < body.length;
        if (text.length() > rawChars) {
            text = text.substring(0, rawChars);
        }
        RejectedInput rejected =
                new RejectedInput(source, endpoint, reason, contentType, body.length, truncated, text, clock.instant());
        String id = id(source, endpoint, reason, body);
        byte[] value = JsonCodec.toBytes(Envelope.of(
                id,
                Events.HEALTH_EVENT_REJECTED,
                HealthEventPublisher.SOURCE_PREFIX + source,
                endpoint,
                rejected.receivedAt(),
                false,
                rejected));
        try {
            producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS_DLQ.name(), null, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishException(
                    "could not record the rejected payload on " + Topics.HEALTH_EVENTS_DLQ.name() + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while recording a rejected payload", e);
        }
        return id;
    }

    /** At most {@code maxChars} characters of the body as UTF-8, malformed bytes replaced. */
    static String decode(byte[] body, int maxChars) {
        int bytes = (int) Math.min(body.length, (long) maxChars * 4);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(maxChars + 1);
        decoder.decode(ByteBuffer.wrap(body, 0, bytes), out, true);
        out.flip();
        return out.toString();
    }

    private static String id(String source, String endpoint, String reason, byte[] body) {
        return "rej-"
                + ContentHash.hex(
                        16, (source + "\n" + endpoint + "\n" + reason + "\n").getBytes(StandardCharsets.UTF_8), body);
    }
}
