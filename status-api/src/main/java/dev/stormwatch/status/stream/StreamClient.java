package dev.stormwatch.status.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected SSE client. Sends are asynchronous; a client that falls more than {@code maxPending} events behind
 * is closed rather than allowed to hold memory or slow the others down: its EventSource reconnects and resumes.
 */
public class StreamClient {

    static final String CHANGE = "change";

    private final SseEventSink sink;
    private final Sse sse;
    private final AtomicInteger pending = new AtomicInteger();

    public StreamClient(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    /** Sends a change; false when the client is gone or too slow (and has been closed). */
    boolean send(Change change, int maxPending) {
        return send(sse.newEventBuilder().id(change.id()).name(CHANGE)
                .data(String.class, change.json()).build(), maxPending);
    }

    /** Sends a control event (hello, reset) with the id a later resume starts from. */
    boolean sendControl(String name, String id, String json) {
        return send(sse.newEventBuilder().id(id).name(name).data(String.class, json)
                .reconnectDelay(2_000).build(), Integer.MAX_VALUE);
    }

    boolean comment(String text) {
        return send(sse.newEventBuilder().comment(text).build(), Integer.MAX_VALUE);
    }

    private boolean send(OutboundSseEvent event, int maxPending) {
        if (sink.isClosed()) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending) {
            close();
            return false;
        }
        sink.send(event).whenComplete((ok, error) -> {
            pending.decrementAndGet();
            if (error != null) {
                close();
            }
        });
        return true;
    }

    void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
