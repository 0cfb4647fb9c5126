package dev.stormwatch.status.stream;

import dev.stormwatch.status.subscription.SubscriptionReader;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected SSE client and its cursor in the feed: the sequence number of the next change it is to get. Sends are
 * asynchronous; at most a bounded number are in flight, so a slow client is not sent more until it has taken what it
 * was given (and is reset once the feed's ring has moved past its cursor).
 */
public class StreamClient {

    static final String CHANGE = "change";

    private final SseEventSink sink;
    private final Sse sse;
    private final SubscriptionReader reader;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Runnable onWritten = () -> {};
    /** Next sequence number to send; written by the feed only. */
    long nextSeq;

    /** {@code reader}: the caller, taken when it connects, for what of the feed it may see. */
    public StreamClient(SseEventSink sink, Sse sse, SubscriptionReader reader) {
        this.sink = sink;
        this.sse = sse;
        this.reader = reader;
    }

    SubscriptionReader reader() {
        return reader;
    }

    void onWritten(Runnable callback) {
        this.onWritten = callback;
    }

    boolean isClosed() {
        return sink.isClosed();
    }

    /** Room for another send: fewer than {@code maxInFlight} are on their way. */
    boolean hasRoom(int maxInFlight) {
        return inFlight.get() < maxInFlight;
    }

    void send(Change change) {
        send(sse.newEventBuilder()
                .id(change.id())
                .name(CHANGE)
                .data(String.class, change.json())
                .build());
    }

    /** A control event (hello, reset) with the id a later resume starts from. */
    void sendControl(String name, String id, String json) {
        send(sse.newEventBuilder()
                .id(id)
                .name(name)
                .data(String.class, json)
                .reconnectDelay(2_000)
                .build());
    }

    void comment(String text) {
        send(sse.newEventBuilder().comment(text).build());
    }

    private void send(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return;
        }
        inFlight.incrementAndGet();
        CompletionStage<?> sent;
        try {
            sent = sink.send(event);
        } catch (RuntimeException e) {
            // Closed by the client between the check and the send: it reconnects and resumes.
            inFlight.decrementAndGet();
            close();
            return;
        }
        sent.whenComplete((ok, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                close();
            }
            onWritten.run();
        });
    }

    void close() {
        if (!sink.isClosed()) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // Already gone: nothing left to close.
            }
        }
    }
}
