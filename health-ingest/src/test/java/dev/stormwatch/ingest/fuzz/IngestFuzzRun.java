package dev.stormwatch.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.ingest.publish.EventIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One fuzz run against one ingest endpoint: sends each mutant, checks each answer as it comes (no 5xx, within the time
 * limit, a 4xx with a message and a DLQ record id, a 202 that published something or said why not), then checks what
 * the run left on the real broker against the answers, record by record: exactly one DLQ record per refusal and per
 * unsupported payload, carrying the reason and the raw body; exactly one health-events.v1 record per accepted event,
 * and nothing else.
 */
final class IngestFuzzRun {

    /** Why the service answers 4xx without a DLQ record by design: it does not keep anonymous posts. */
    private static final int UNAUTHENTICATED = 401;

    /** How Ingestion words a 400 for an exception no normalizer turned into a PayloadException. */
    private static final String UNFORESEEN = "payload could not be read: ";

    private record Sent(int iteration, String replay, byte[] body, String contentType) {}

    private record DeadLetter(Sent sent, String reason) {}

    private record Published(Sent sent, String id, String key) {}

    private final String endpoint;
    private final String source;
    private final URI uri;
    private final HttpClient http;
    private final Duration timeout;

    private final Map<String, Deque<DeadLetter>> deadLetters = new LinkedHashMap<>();
    private final Map<String, Published> published = new LinkedHashMap<>();
    private final Map<String, List<String>> failures = new TreeMap<>();
    private final Map<String, Integer> requestsBy = new TreeMap<>();
    private final Map<String, Integer> eventsBy = new TreeMap<>();
    private final List<Long> millis = new ArrayList<>();
    private final Map<String, Integer> unforeseen = new TreeMap<>();
    private final Map<String, String> unforeseenExamples = new TreeMap<>();
    private int requests;

    IngestFuzzRun(URI base, String endpoint, String source, Duration timeout) {
        this.endpoint = endpoint;
        this.source = source;
        this.uri = base.resolve(endpoint);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Posts one body with a valid token and checks the answer; returns it, or null when there was none. */
    JsonNode send(int iteration, String replay, byte[] body, String contentType, boolean tokenInHeader) {
        requests++;
        Sent sent = new Sent(iteration, replay, body, contentType);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        tokenInHeader ? uri : URI.create(uri + "?token=test-secret"))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (tokenInHeader) {
            request.header("X-Stormwatch-Token", "test-secret");
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            fail("HANG: no answer within " + timeout.toSeconds() + " s", sent, "");
            count(requestsBy, "timeout");
            return null;
        } catch (IOException e) {
            fail("CONNECTION FAILED: " + e.getClass().getSimpleName(), sent, String.valueOf(e.getMessage()));
            count(requestsBy, "connection failed");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        millis.add((System.nanoTime() - t0) / 1_000_000);
        int status = response.statusCode();
        JsonNode answer = IngestMutations.parse(response.body().getBytes(StandardCharsets.UTF_8));
        if (status >= 500) {
            count(requestsBy, String.valueOf(status));
            fail("5xx: " + status, sent, response.body());
            return answer;
        }
        if (answer == null || !answer.isObject()) {
            count(requestsBy, String.valueOf(status));
            fail("ANSWER NOT A JSON OBJECT: " + status, sent, response.body());
            return null;
        }
        if (status >= 400) {
            count(requestsBy, String.valueOf(status));
            refused(sent, status, answer);
        } else if (status == 202) {
            accepted(sent, answer);
        } else {
            count(requestsBy, String.valueOf(status));
            fail("UNEXPECTED STATUS: " + status, sent, response.body());
        }
        return answer;
    }

    private void refused(Sent sent, int status, JsonNode answer) {
        String message = answer.path("message").asText("");
        if (message.startsWith(UNFORESEEN)) {
            // The normalizers' safety net: a 400 with the DLQ record, but a shape no normalizer names.
            unforeseen.merge(message.replaceAll("[:(].*", ""), 1, Integer::sum);
            unforeseenExamples.putIfAbsent(
                    message.replaceAll("[:(].*", ""), sent.replay() + " → " + abbreviate(message));
        }
        String id = answer.path("deadLetterId").asText("");
        if (message.isBlank()) {
            fail("4xx WITHOUT A MESSAGE: " + status, sent, answer.toString());
        }
        if (status == UNAUTHENTICATED) {
            fail("401 WITH A VALID TOKEN", sent, answer.toString());
        } else if (id.isBlank() && status == 413 && message.contains(" bytes exceeds the limit of ")) {
            // A declared length over the endpoint's cap is refused before the body is read: nothing to keep.
            return;
        } else if (id.isBlank()) {
            fail("4xx WITHOUT A DLQ RECORD: " + status, sent, answer.toString());
        } else {
            deadLetters.computeIfAbsent(id, k -> new ArrayDeque<>()).add(new DeadLetter(sent, message));
        }
    }

    private void accepted(Sent sent, JsonNode answer) {
        List<String> unsupported = new ArrayList<>();
        answer.path("unsupported").forEach(u -> unsupported.add(u.asText()));
        Map<String, Integer> outcomes = new HashMap<>();
        for (JsonNode e : answer.path("events")) {
            String outcome = e.path("outcome").asText("");
            String id = e.path("id").asText("");
            String key = e.path("key").asText("");
            outcomes.merge(outcome, 1, Integer::sum);
            count(eventsBy, outcome.isEmpty() ? "(no outcome)" : outcome);
            if (id.isEmpty() || key.isEmpty()) {
                fail("202 EVENT WITHOUT ID OR KEY", sent, answer.toString());
            } else if (outcome.equals("accepted")) {
                Published previous = published.putIfAbsent(id, new Published(sent, id, key));
                if (previous != null) {
                    fail(
                            "EVENT ACCEPTED TWICE",
                            sent,
                            id + " first accepted in iteration "
                                    + previous.sent().iteration());
                }
            } else if (!outcome.equals("duplicate") && !outcome.equals("stale")) {
                fail("202 EVENT WITH AN UNKNOWN OUTCOME: " + outcome, sent, answer.toString());
            }
        }
        for (String field : List.of("accepted", "duplicate", "stale")) {
            int said = answer.path(field).asInt(0);
            if (said != outcomes.getOrDefault(field, 0)) {
                fail(
                        "202 COUNTS DISAGREE WITH THE EVENTS",
                        sent,
                        field + "=" + said + " but " + outcomes.getOrDefault(field, 0) + " listed");
            }
        }
        if (!unsupported.isEmpty()) {
            String id = answer.path("deadLetterId").asText("");
            count(eventsBy, "unsupported");
            if (id.isBlank()) {
                fail("UNSUPPORTED WITHOUT A DLQ RECORD", sent, answer.toString());
            } else {
                deadLetters
                        .computeIfAbsent(id, k -> new ArrayDeque<>())
                        .add(new DeadLetter(sent, String.join("; ", unsupported)));
            }
        }
        if (outcomes.isEmpty() && unsupported.isEmpty()) {
            fail("202 WITHOUT EVENTS OR A REASON (silently dropped)", sent, answer.toString());
        }
        count(
                requestsBy,
                "202 "
                        + (outcomes.containsKey("accepted")
                                ? "accepted"
                                : outcomes.containsKey("duplicate")
                                        ? "duplicate"
                                        : outcomes.containsKey("stale") ? "stale" : "unsupported"));
    }

    /** Every DLQ record the run caused, and only those, match the refusals and unsupported payloads answered. */
    int checkDeadLetters(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Deque<DeadLetter>> expected = new HashMap<>();
        deadLetters.forEach((id, q) -> expected.put(id, new ArrayDeque<>(q)));
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent ce = JsonCodec.fromJson(r.value(), CloudEvent.class);
            Deque<DeadLetter> waiting = expected.get(ce.id());
            if (waiting == null || waiting.isEmpty()) {
                failures.computeIfAbsent("DLQ RECORD NO ANSWER NAMED", k -> new ArrayList<>())
                        .add(ce.id() + " " + new String(r.value(), StandardCharsets.UTF_8));
                continue;
            }
            DeadLetter d = waiting.poll();
            RejectedInput in = JsonCodec.data(ce, RejectedInput.class);
            String decoded = new String(d.sent().body(), StandardCharsets.UTF_8);
            List<String> wrong = new ArrayList<>();
            if (!EventTypes.HEALTH_EVENT_REJECTED.equals(ce.type())) {
                wrong.add("type " + ce.type());
            }
            if (!d.reason().equals(in.reason())) {
                wrong.add("reason '" + in.reason() + "' but the answer said '" + d.reason() + "'");
            }
            if (!source.equals(in.source()) || !endpoint.equals(in.endpoint())) {
                wrong.add("source/endpoint " + in.source() + " " + in.endpoint());
            }
            if (in.rawSize() != d.sent().body().length) {
                wrong.add(
                        "rawSize " + in.rawSize() + " for a body of " + d.sent().body().length + " bytes");
            }
            if (!java.util.Objects.equals(in.contentType(), d.sent().contentType())) {
                wrong.add("contentType '" + in.contentType() + "' but '"
                        + d.sent().contentType() + "' was sent");
            }
            if (in.rawTruncated() ? !decoded.startsWith(in.raw()) || in.raw().isEmpty() : !decoded.equals(in.raw())) {
                wrong.add("raw body differs from the one sent (truncated=" + in.rawTruncated() + ", "
                        + in.raw().length() + " chars)");
            }
            if (!wrong.isEmpty()) {
                fail("DLQ RECORD DIFFERS", d.sent(), String.join("; ", wrong));
            }
        }
        expected.forEach((id, waiting) ->
                waiting.forEach(d -> fail("DLQ RECORD MISSING", d.sent(), id + " (" + d.reason() + ")")));
        return records.size();
    }

    /** Every health-events.v1 record the run caused, and only those, are the accepted events, with their id and key. */
    int checkPublished(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent ce = JsonCodec.fromJson(r.value(), CloudEvent.class);
            Published p = published.get(ce.id());
            if (p == null || !seen.add(ce.id())) {
                failures.computeIfAbsent(
                                p == null ? "HEALTH EVENT NO ANSWER ACCEPTED" : "HEALTH EVENT PUBLISHED TWICE",
                                k -> new ArrayList<>())
                        .add(ce.id() + " key " + r.key());
                continue;
            }
            HealthEvent e = JsonCodec.data(ce, HealthEvent.class);
            if (!p.key().equals(r.key())
                    || !EventTypes.HEALTH_EVENT.equals(ce.type())
                    || !e.key().equals(r.key())
                    || !EventIds.of(e).equals(ce.id())) {
                fail(
                        "HEALTH EVENT RECORD DIFFERS",
                        p.sent(),
                        "record key " + r.key() + ", answered key " + p.key() + ", event key " + e.key() + ", type "
                                + ce.type());
            }
        }
        published.values().stream()
                .filter(p -> !seen.contains(p.id()))
                .forEach(p -> fail("HEALTH EVENT MISSING", p.sent(), p.id() + " key " + p.key()));
        return records.size();
    }

    private void fail(String kind, Sent sent, String detail) {
        String body = IngestMutations.printable(
                new String(sent.body(), 0, Math.min(sent.body().length, 300), StandardCharsets.UTF_8));
        failures.computeIfAbsent(kind, k -> new ArrayList<>())
                .add(sent.replay() + " [content-type " + sent.contentType() + ", " + sent.body().length + " bytes: "
                        + body + "]\n    → " + abbreviate(detail));
    }

    Map<String, List<String>> failures() {
        return failures;
    }

    int failureCount() {
        return failures.values().stream().mapToInt(List::size).sum();
    }

    /** The figures of the run on one line. */
    String summary(String name, long seed, int dlqRecords, int eventRecords, long elapsedMillis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(
                "FUZZ ingest %s: requests=%d seed=%d outcomes=%s events=%s dlq-records=%d health-event-records=%d "
                        + "failures=%d unforeseen-shape-400s=%s latency p50=%d ms p99=%d ms max=%d ms elapsed=%d ms%s",
                name,
                requests,
                seed,
                requestsBy,
                eventsBy,
                dlqRecords,
                eventRecords,
                failureCount(),
                unforeseen,
                percentile(sorted, 50),
                percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                elapsedMillis,
                unforeseenExamples.values().stream()
                        .map(e -> "\n  unforeseen shape: " + e)
                        .reduce("", String::concat));
    }

    String failureReport(long seed) {
        StringBuilder out = new StringBuilder("mutants broke the ingest contract on " + endpoint
                + " (replay one with -Dstormwatch.fuzz.seed=" + seed + " -Dstormwatch.fuzz.iteration=<n>):");
        failures.forEach((kind, cases) -> {
            out.append("\n\n").append(cases.size()).append(" × ").append(kind);
            cases.stream().limit(3).forEach(c -> out.append("\n  ").append(c));
        });
        return out.toString();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty()
                ? 0
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
