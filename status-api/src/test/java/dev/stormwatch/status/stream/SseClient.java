package dev.stormwatch.status.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A minimal server-sent-events client over the JDK HttpClient, for the stream tests and the load run. */
public final class SseClient implements AutoCloseable {

    /** One event as received. */
    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return JsonCodec.fromJson(data, JsonNode.class);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    private SseClient(HttpClient http, HttpRequest request) {
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // Read on a thread of its own: thenAccept would read on the caller's thread when the response is already there.
        response.thenAcceptAsync(
                r -> {
                    lines = r.body();
                    String id = null;
                    String name = null;
                    StringBuilder data = new StringBuilder();
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (name != null || data.length() > 0) {
                                events.add(new Event(id, name == null ? "message" : name, data.toString()));
                            }
                            id = null;
                            name = null;
                            data.setLength(0);
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            data.append(data.length() > 0 ? "\n" : "")
                                    .append(line.substring(5).stripLeading());
                        }
                    }
                },
                READERS);
    }

    private static final java.util.concurrent.ExecutorService READERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sse-test-reader");
                t.setDaemon(true);
                return t;
            });

    /** Connects to {@code url} with the given headers (name, value, name, value…). */
    public static SseClient connect(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new SseClient(HttpClient.newHttpClient(), request.GET().build());
    }

    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next event matching {@code filter} within {@code within}, skipping others. */
    public Event next(Duration within, Predicate<Event> filter) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + within.toMillis() + " ms");
            }
            if (filter.test(e)) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
        response.cancel(true);
    }
}
