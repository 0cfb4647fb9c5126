package dev.stormwatch.status.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.Samples;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The live stream shows each caller what the REST API shows it: a subscription, its delivery status and its dead
 * letters reach the subscription's owner and admins, never another team or role. On the real broker: two failing
 * subscriptions of two owners dead-letter one handover each, watched by their owner, by a responder who owns none, and
 * by an admin.
 */
@QuarkusTest
class StreamVisibilityIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** stream-team: viewer; stream-responder: viewer, responder (test profile keys no other test uses). */
    static final String TEAM_KEY = "test-stream-team-key";

    static final String RESPONDER_KEY = "test-stream-responder-key";

    @TestHTTPResource("/api/v1/stream")
    URL stream;

    @Test
    void aSubscriptionsChangesReachOnlyItsOwnerAndAdmins() throws Exception {
        Samples.publishCatalog("sv-platform");
        Samples.publishCatalog("sv-marker");
        Eventually.until(
                WAIT,
                "catalogs",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/platforms/sv-marker")
                                .statusCode()
                        == 200);
        try (SseClient finance = SseClient.connect(stream.toString(), Keys.HEADER, TEAM_KEY);
                SseClient responder = SseClient.connect(stream.toString(), Keys.HEADER, RESPONDER_KEY);
                SseClient admin = SseClient.connect(stream.toString(), Keys.HEADER, Keys.ADMIN)) {
            for (SseClient c : List.of(finance, responder, admin)) {
                c.next(WAIT, e -> e.name().equals("hello"));
            }
            String financeOwned = create("stream-team", "sv-platform");
            String opsOwned = create("stream-ops", "sv-platform");
            Samples.writeHandover(Samples.handover(
                    "sv-h-1", "sv-platform", "storage", "sv-incident", Instant.parse("2026-11-22T11:00:00Z"), false));

            // Each worker's last record is its status after the dead letter: once the admin has both, every record
            // of the two subscriptions is on subscriptions.v1, and what is created next comes after them.
            List<String> adminKeys = keysUntil(admin, keys -> settled(keys, financeOwned) && settled(keys, opsOwned));
            String financeMarker = create("stream-team", "sv-marker");
            String onCallMarker = create("stream-responder", "sv-marker");
            adminKeys.addAll(keysUntil(admin, keys -> keys.contains(onCallMarker)));

            List<String> seenByFinance = keysUntil(finance, keys -> keys.contains(financeMarker));
            List<String> seenByResponder = keysUntil(responder, keys -> keys.contains(onCallMarker));

            assertEquals(
                    List.of(financeOwned, financeOwned + "/delivery", financeOwned + "/dead-letter/sv-h-1"),
                    distinct(about(seenByFinance, financeOwned, opsOwned)),
                    "the owner gets its own subscription's changes and nothing of another owner's");
            assertEquals(
                    about(adminKeys, financeOwned),
                    about(seenByFinance, financeOwned),
                    "the owner gets every change of its subscription, as an admin does");
            assertEquals(
                    List.of(),
                    about(seenByResponder, financeOwned, opsOwned, financeMarker),
                    "a responder who owns no subscription gets none of their changes");
            assertEquals(List.of(onCallMarker), distinct(about(seenByResponder, onCallMarker)), "but its own");
            assertEquals(
                    List.of(opsOwned, opsOwned + "/delivery", opsOwned + "/dead-letter/sv-h-1"),
                    distinct(about(adminKeys, opsOwned)),
                    "an admin gets every subscription's changes");
            assertEquals(
                    List.of(financeOwned, financeOwned + "/delivery", financeOwned + "/dead-letter/sv-h-1"),
                    distinct(about(adminKeys, financeOwned)));
            assertEquals(List.of(financeMarker, onCallMarker), about(adminKeys, financeMarker, onCallMarker));
        }
    }

    /** The subscriptions.v1 keys {@code client} gets until {@code done} holds for them. */
    static List<String> keysUntil(SseClient client, Predicate<List<String>> done) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        while (!done.test(keys)) {
            keys.add(client.next(
                            WAIT,
                            x -> x.name().equals("change")
                                    && "subscriptions.v1"
                                            .equals(x.json().path("topic").asText()))
                    .json()
                    .path("key")
                    .asText());
        }
        return keys;
    }

    /** The subscription's dead letter has come, and the status its worker records after it. */
    static boolean settled(List<String> keys, String id) {
        int letter = keys.indexOf(id + "/dead-letter/sv-h-1");
        return letter >= 0 && keys.subList(letter, keys.size()).contains(id + "/delivery");
    }

    /** The keys about the given subscriptions, in the order received. */
    static List<String> about(List<String> keys, String... ids) {
        return keys.stream()
                .filter(k -> List.of(ids).contains(subscriptionOf(k)))
                .toList();
    }

    static String subscriptionOf(String key) {
        return key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
    }

    static List<String> distinct(List<String> keys) {
        return List.copyOf(new LinkedHashSet<>(keys));
    }

    static String create(String owner, String platform) {
        String response = RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(Map.of(
                        "owner",
                        owner,
                        "url",
                        "http://127.0.0.1:9/stream-visibility",
                        "secret",
                        "stream-visibility-secret",
                        "platforms",
                        List.of(platform)))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return JsonCodec.fromJson(response, JsonNode.class).path("id").asText();
    }
}
