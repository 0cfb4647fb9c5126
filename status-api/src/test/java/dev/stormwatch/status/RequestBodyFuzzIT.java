package dev.stormwatch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the request body of every POST/PUT endpoint with a seeded mutator over a valid body: fields removed, of the
 * wrong type, null, list elements null or of the wrong type, overlong or odd strings, unknown fields, bodies that are
 * not objects, truncated or corrupted bytes, empty bodies, deep nesting. Whatever arrives, status-api answers within 10
 * s, never with a 5xx, and a rejected body gets a 4xx whose error body names the field that was mutated (or, for bytes
 * that are not JSON at all, says so with the line). The targets are chosen so that a valid body is answered without
 * lasting effect (an expired decision, a step already started) or is undone (a created subscription deleted).
 */
@QuarkusTest
class RequestBodyFuzzIT {

    static final long SEED = 20261122L;
    static final int MUTANTS_PER_ENDPOINT = 60;
    static final String P = "fz-platform";

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Target(String name, String method, String path, String key, String contentType, String validBody) {}

    @Test
    void noBodyCausesA5xxOrAHangAndEveryRejectionNamesTheField() throws Exception {
        MutableClock.INSTANCE.set(MutableClock.START);
        Samples.publishCatalog(P);
        Instant raised = Instant.parse("2026-11-22T09:00:00Z");
        // Open but past its deadline: a valid approval is a 409 "expired", and the decision stays as it is.
        Samples.writeDecision(Samples.decision(
                "fz-expired",
                P,
                "fz-incident",
                DecisionState.OPEN,
                raised,
                Instant.parse("2026-11-22T09:30:00Z"),
                false,
                1));
        // A step already started: a valid start is a 409.
        Samples.writeDecision(new Decision(
                "fz-step",
                P,
                "fz-incident",
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step 1",
                null,
                List.of(),
                raised,
                null,
                false,
                new RecoveryStepRef(
                        "storage",
                        "Fail over storage",
                        1,
                        null,
                        Duration.ofMinutes(60),
                        Duration.ofMinutes(30),
                        null,
                        null,
                        null),
                0,
                null,
                null,
                null,
                null,
                false,
                2,
                "on-call",
                raised));
        Eventually.until(
                Duration.ofSeconds(30),
                "fuzz fixtures",
                () -> RestAssured.given()
                                        .header(Keys.HEADER, Keys.VIEWER)
                                        .get("/api/v1/decisions/fz-step")
                                        .statusCode()
                                == 200
                        && RestAssured.given()
                                        .header(Keys.HEADER, Keys.VIEWER)
                                        .get("/api/v1/decisions/fz-expired")
                                        .statusCode()
                                == 200
                        && RestAssured.given()
                                        .header(Keys.HEADER, Keys.VIEWER)
                                        .get("/api/v1/platforms/" + P)
                                        .statusCode()
                                == 200);
        String drillId = RestAssured.given()
                .header(Keys.HEADER, Keys.DR_LEAD)
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/platforms/" + P + "/drills")
                .then()
                .statusCode(202)
                .extract()
                .path("drillId");

        List<Target> targets = List.of(
                new Target(
                        "approve",
                        "POST",
                        "/api/v1/decisions/fz-expired/approve",
                        Keys.DR_LEAD,
                        "application/json",
                        "{\"reason\": \"Microsoft gives no ETA\", \"evidence\": \"ticket 1234\"}"),
                new Target(
                        "decline",
                        "POST",
                        "/api/v1/decisions/fz-expired/decline",
                        Keys.DR_LEAD,
                        "application/json",
                        "{\"reason\": \"wait for Microsoft\", \"evidence\": \"status page\"}"),
                new Target(
                        "start step",
                        "POST",
                        "/api/v1/decisions/fz-step/start",
                        Keys.RESPONDER,
                        "application/json",
                        "{\"via\": \"dashboard\"}"),
                new Target(
                        "subscribe",
                        "POST",
                        "/api/v1/subscriptions",
                        Keys.ADMIN,
                        "application/json",
                        "{\"owner\": \"fuzz-team\", \"url\": \"http://127.0.0.1:9/hook\","
                                + " \"secret\": \"0123456789abcdef\", \"platforms\": [\""
                                + P
                                + "\"], \"components\": [\"storage\"], \"eventTypes\": [\"handover\"],"
                                + " \"drills\": false}"),
                new Target(
                        "start drill",
                        "POST",
                        "/api/v1/platforms/" + P + "/drills",
                        Keys.DR_LEAD,
                        "application/json",
                        "{\"note\": \"fuzzed rehearsal\"}"),
                new Target(
                        "abandon drill",
                        "POST",
                        "/api/v1/drills/" + drillId + "/abandon",
                        Keys.DR_LEAD,
                        "application/json",
                        "{\"note\": \"fuzzed abandon\"}"),
                new Target(
                        "publish catalog",
                        "PUT",
                        "/api/v1/platforms/" + P + "/catalog",
                        Keys.ADMIN,
                        "application/yaml",
                        Samples.catalogYaml(P)));

        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        long started = System.nanoTime();
        for (Target t : targets) {
            for (int i = 0; i < MUTANTS_PER_ENDPOINT; i++) {
                Mutant m = t.contentType().contains("yaml")
                        ? mutateText(t.validBody(), random)
                        : mutateJson(t.validBody(), random);
                HttpResponse<String> response = send(t, m.body());
                requests++;
                String problem = judge(response, m);
                if (problem != null) {
                    failures.add(t.name() + " / " + m.what() + ": " + problem + " — body " + abbreviate(m.body())
                            + " — answer " + response.statusCode() + " " + abbreviate(response.body()));
                }
                if (response.statusCode() == 201 && t.name().equals("subscribe")) {
                    String id = JsonCodec.fromJson(response.body(), JsonNode.class)
                            .path("id")
                            .asText();
                    RestAssured.given()
                            .header(Keys.HEADER, Keys.ADMIN)
                            .delete("/api/v1/subscriptions/" + id)
                            .then()
                            .statusCode(204);
                }
            }
        }
        System.out.printf(
                "RequestBodyFuzzIT: %d requests to %d endpoints in %d ms, seed %d%n",
                requests,
                targets.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                SEED);
        assertEquals(List.of(), failures);
        MutableClock.INSTANCE.set(MutableClock.START);
    }

    /** A mutated body, what was done, and the field it touched (null when the mutation is not about one field). */
    record Mutant(String what, String field, byte[] body, boolean notJson) {}

    /** Null when the answer is acceptable, else what is wrong with it. */
    static String judge(HttpResponse<String> response, Mutant m) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a 5xx";
        }
        if (status < 400) {
            return null;
        }
        JsonNode error;
        try {
            error = JsonCodec.fromJson(response.body(), JsonNode.class);
        } catch (RuntimeException e) {
            return "the 4xx body is not the JSON error body";
        }
        String message = error.path("error").asText("");
        if (message.isBlank()) {
            return "a 4xx without a message";
        }
        if (status != 400) {
            // 404/409: the target's state, not the body; 415 cannot happen with the content types sent.
            return status == 409 || status == 404 ? null : "unexpected status " + status;
        }
        if (m.field() != null) {
            boolean named = message.contains(m.field());
            for (JsonNode p : error.path("problems")) {
                named |= p.path("path").asText("").startsWith(m.field())
                        || p.path("message").asText("").contains(m.field());
            }
            return named ? null : "the 400 does not name the field '" + m.field() + "'";
        }
        boolean located = message.contains("JSON") || message.contains("body") || message.contains("catalog");
        for (JsonNode p : error.path("problems")) {
            located |= p.has("line") || p.has("path");
        }
        return located ? null : "the 400 says neither which field nor where";
    }

    static Mutant mutateJson(String valid, Random random) {
        ObjectNode body = (ObjectNode) JsonCodec.fromJson(valid, JsonNode.class);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = random.nextInt(16);
        switch (kind) {
            case 0 -> body.remove(field);
            case 1 -> body.putNull(field);
            case 2 -> body.put(field, random.nextInt());
            case 3 -> body.put(field, random.nextBoolean());
            case 4 -> body.set(field, f.objectNode().put("x", 1));
            case 5 -> body.set(field, f.arrayNode().add(1).add("two"));
            case 6 -> body.put(field, "x".repeat(4001 + random.nextInt(20000)));
            case 7 -> body.put(field, "\u0000\u202e<script>alert(1)</script>\ud83d\ude00" + random.nextInt());
            case 8 -> body.put(field, "");
            case 9 -> {
                ArrayNode list = f.arrayNode();
                list.addNull();
                body.set(field, list);
            }
            case 10 -> body.put("unexpected" + random.nextInt(100), "ignored");
            case 11 -> {
                return new Mutant(
                        "not an object",
                        null,
                        pick(random, "[]", "42", "\"text\"", "null", "true").getBytes(StandardCharsets.UTF_8),
                        true);
            }
            case 12 -> {
                byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
                int cut = 1 + random.nextInt(bytes.length - 1);
                return new Mutant("truncated at " + cut, null, java.util.Arrays.copyOf(bytes, cut), true);
            }
            case 13 -> {
                byte[] bytes = valid.getBytes(StandardCharsets.UTF_8).clone();
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt(256);
                return new Mutant("byte " + at + " replaced", null, bytes, true);
            }
            case 14 -> {
                return new Mutant("empty", null, new byte[0], true);
            }
            default -> {
                return new Mutant(
                        "nested 5000 deep",
                        null,
                        ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8),
                        true);
            }
        }
        String what = List.of(
                        "removed",
                        "null",
                        "number",
                        "boolean",
                        "object",
                        "array",
                        "overlong",
                        "odd characters",
                        "empty string",
                        "list with null",
                        "unknown field added")
                .get(kind);
        String named = kind == 10 ? null : field;
        return new Mutant(field + " " + what, named, JsonCodec.toJson(body).getBytes(StandardCharsets.UTF_8), false);
    }

    /** Line-level and byte-level mutations of a YAML catalog; the loader's own fuzz covers the YAML grammar deeply. */
    static Mutant mutateText(String valid, Random random) {
        String[] lines = valid.split("\n", -1);
        int kind = random.nextInt(5);
        int at = random.nextInt(lines.length);
        switch (kind) {
            case 0 -> lines[at] = "";
            case 1 -> lines[at] = lines[at] + " : : [";
            case 2 -> lines[at] = lines[at].replaceAll("\\d+m", "-5m");
            case 3 -> lines[at] = "  " + lines[at];
            default -> {
                byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
                return new Mutant(
                        "truncated", null, java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1)), true);
            }
        }
        return new Mutant(
                "line " + (at + 1) + " mutation " + kind,
                null,
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
                true);
    }

    private HttpResponse<String> send(Target t, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + t.path()))
                .timeout(Duration.ofSeconds(10))
                .header(Keys.HEADER, t.key())
                .header("Content-Type", t.contentType())
                .header("Accept", "application/json")
                .method(t.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(Object value) {
        String s = value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
