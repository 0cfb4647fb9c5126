package dev.stormwatch.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sender of canonical health events to health-ingest's batch endpoint ({@code POST /api/v1/ingest/events}) that
 * behaves as a well-written client does: a batch is sent again until it gets a 202 (connection refused while the
 * service restarts, 503 while Kafka is away), and every event's outcome in the 202 answers is kept, so that a test
 * knows exactly which event ids health-ingest took responsibility for.
 */
public final class HealthEventFeed {

    /** One event's outcome in a 202 answer: its CloudEvent id, key and accepted | duplicate | stale. */
    public record Outcome(String id, String key, String outcome) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String token;
    private final List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();

    public HealthEventFeed(String ingestUrl, String token) {
        this.url = ingestUrl + "/api/v1/ingest/events";
        this.token = token;
    }

    /** An active (or otherwise staged) service incident on Storage in {@code region}. */
    public static HealthEvent storageEvent(
            String trackingId,
            String region,
            Instant impactStart,
            Instant lastUpdate,
            HealthStage stage,
            String summary) {
        return new HealthEvent(
                null,
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                "Storage degradation " + trackingId,
                summary,
                stage,
                null,
                List.of(new ImpactedService("Storage", region)),
                List.of(),
                null,
                impactStart,
                stage == HealthStage.RESOLVED ? lastUpdate : null,
                lastUpdate,
                null,
                null,
                false);
    }

    /** Posts {@code events} as one batch until it is answered 202 or {@code within} passes; returns its outcomes. */
    public List<Outcome> post(List<HealthEvent> events, Duration within) {
        byte[] body = JsonCodec.toBytes(events);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Stormwatch-Token", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    List<Outcome> answer = new ArrayList<>();
                    for (JsonNode e :
                            JsonCodec.fromJson(response.body(), JsonNode.class).path("events")) {
                        Outcome o = new Outcome(
                                e.path("id").asText(),
                                e.path("key").asText(),
                                e.path("outcome").asText());
                        answer.add(o);
                        if (o.outcome().equals("accepted")) {
                            accepted.add(o.id());
                        }
                        if (!o.outcome().equals("stale")) {
                            stored.add(o.id());
                        }
                    }
                    outcomes.addAll(answer);
                    return answer;
                }
                refusals.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                        .incrementAndGet();
                if (response.statusCode() != 503) {
                    throw new AssertionError(
                            "health-ingest answered " + response.statusCode() + ": " + response.body());
                }
                last = "503 " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting events", e);
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting events", e);
            }
        }
        throw new AssertionError(
                "health-ingest did not accept a batch of " + events.size() + " within " + within + ": " + last);
    }

    /** The ids health-ingest answered {@code accepted} for (new records on health-events.v1). */
    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /**
     * The ids health-ingest answered {@code accepted} or {@code duplicate} for: what it took responsibility for. A
     * batch answered 503 may have stored part of its events; sent again, those are answered {@code duplicate}.
     */
    public Set<String> stored() {
        return Set.copyOf(stored);
    }

    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** How many times a batch was sent again (connection refused, reset, timeout or 503). */
    public int retries() {
        return retries.get();
    }

    /** Non-202 answers by status code. */
    public Map<Integer, Integer> refusals() {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        refusals.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
