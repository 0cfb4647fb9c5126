package dev.stormwatch.status.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE side of the load run, as a process of its own: opens {@code connections} streams, waits for {@code expected}
 * change events whose key starts with {@code prefix} on each, and prints how long each took from the CloudEvent's
 * {@code time} (set by the producer just before it wrote the record) to its arrival here.
 *
 * <p>Usage: {@code SseLoadClient <stream url> <connections> <expected> <prefix> <timeout seconds> <API key>}
 */
public final class SseLoadClient {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    private SseLoadClient() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int connections = Integer.parseInt(args[1]);
        int expected = Integer.parseInt(args[2]);
        String prefix = "\"key\":\"" + args[3];
        int timeout = Integer.parseInt(args[4]);
        String key = args[5];
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch done = new CountDownLatch(connections);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < connections; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .header("X-API-Key", key)
                    .GET()
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAcceptAsync(response -> {
                        connected.countDown();
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            done.countDown();
                            return;
                        }
                        int seen = 0;
                        for (String line : (Iterable<String>) response.body()::iterator) {
                            if (line.startsWith("data:") && line.contains(prefix)) {
                                Matcher m = TIME.matcher(line);
                                if (m.find()) {
                                    latencies.add(Duration.between(Instant.parse(m.group(1)), Instant.now())
                                            .toNanos());
                                }
                                if (++seen == expected) {
                                    break;
                                }
                            }
                        }
                        done.countDown();
                    })
                    .exceptionally(e -> {
                        failed.incrementAndGet();
                        connected.countDown();
                        done.countDown();
                        return null;
                    });
        }
        connected.await(60, TimeUnit.SECONDS);
        System.out.println("READY " + connections);
        System.out.flush();
        long start = System.nanoTime();
        boolean all = done.await(timeout, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "RESULT connections=%d failed=%d complete=%s events=%d expected=%d elapsed=%.2fs p50=%.1fms "
                        + "p99=%.1fms max=%.1fms%n",
                connections,
                failed.get(),
                all,
                sorted.size(),
                (long) connections * expected,
                seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        System.exit(0);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
