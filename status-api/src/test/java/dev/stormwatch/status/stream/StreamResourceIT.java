package dev.stormwatch.status.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/stream: one SSE event per record consumed, ids {@code <epoch>-<seq>}, Last-Event-ID resume from the
 * in-memory ring (50 changes in the test profile), and a reset event when a resume cannot be served.
 */
@QuarkusTest
class StreamResourceIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/api/v1/stream")
    URL stream;

    @Test
    void everyRecordConsumedBecomesOneChangeEventWithAnIncreasingId() throws Exception {
        try (SseClient sse = SseClient.connect(stream.toString(), Keys.HEADER, Keys.VIEWER)) {
            assertEquals(200, sse.status());
            SseClient.Event hello = sse.next(WAIT, e -> e.name().equals("hello"));
            String epoch = hello.json().path("epoch").asText();
            assertEquals(epoch + "-" + hello.json().path("latest").asLong(), hello.id());

            Samples.writeIncident(Samples.incident(
                    "st-1",
                    "st-platform",
                    IncidentState.OPEN,
                    Severity.SEV2,
                    MutableClock.START,
                    1,
                    List.of("storage"),
                    false));
            Samples.writeIncident(Samples.incident(
                    "st-1",
                    "st-platform",
                    IncidentState.MITIGATED,
                    Severity.SEV2,
                    MutableClock.START,
                    2,
                    List.of("storage"),
                    false));
            SseClient.Event first = sse.next(
                    WAIT,
                    e -> e.name().equals("change")
                            && "st-1".equals(e.json().path("key").asText()));
            SseClient.Event second = sse.next(
                    WAIT,
                    e -> e.name().equals("change")
                            && "st-1".equals(e.json().path("key").asText()));

            JsonNode data = first.json();
            assertEquals("incidents.v1", data.path("topic").asText());
            assertEquals(EventTypes.INCIDENT, data.path("type").asText());
            assertEquals("incident:st-1:1", data.path("event").path("id").asText());
            assertEquals("open", data.path("event").path("data").path("state").asText());
            assertEquals(
                    "mitigated",
                    second.json().path("event").path("data").path("state").asText());
            assertTrue(first.id().startsWith(epoch + "-"), first.id());
            assertTrue(seq(second.id()) > seq(first.id()), first.id() + " then " + second.id());
            assertEquals(
                    second.json().path("offset").asLong(),
                    data.path("offset").asLong() + 1,
                    "same key, same partition, next offset");
        }
    }

    static long seq(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    @Test
    void aResumeWithLastEventIdReplaysExactlyWhatWasMissed() throws Exception {
        String lastSeen;
        List<String> missed = new ArrayList<>();
        try (SseClient sse = SseClient.connect(stream.toString(), Keys.HEADER, Keys.VIEWER)) {
            lastSeen = sse.next(WAIT, e -> e.name().equals("hello")).id();
            for (int v = 1; v <= 3; v++) {
                Samples.writeIncident(Samples.incident(
                        "st-2",
                        "st-platform",
                        IncidentState.OPEN,
                        Severity.SEV3,
                        MutableClock.START,
                        v,
                        List.of("storage"),
                        false));
                missed.add(sse.next(
                                WAIT,
                                e -> e.name().equals("change")
                                        && "st-2".equals(e.json().path("key").asText()))
                        .id());
            }
        }
        try (SseClient resumed =
                SseClient.connect(stream.toString(), Keys.HEADER, Keys.VIEWER, "Last-Event-ID", lastSeen)) {
            List<String> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseClient.Event e = resumed.next(
                        WAIT,
                        x -> !x.name().equals("hello")
                                && (x.name().equals("reset")
                                        || "st-2".equals(x.json().path("key").asText())));
                assertEquals("change", e.name(), "a resume inside the ring replays, it does not reset");
                replayed.add(e.id());
            }
            assertEquals(missed, replayed);
        }
    }

    @Test
    void aResumeOlderThanTheRingOrFromAnotherRunGetsAResetEvent() throws Exception {
        String old;
        try (SseClient sse = SseClient.connect(stream.toString(), Keys.HEADER, Keys.VIEWER)) {
            old = sse.next(WAIT, e -> e.name().equals("hello")).id();
            // More changes than the test ring holds (50).
            for (int v = 1; v <= 55; v++) {
                Samples.writeIncident(Samples.incident(
                        "st-3",
                        "st-platform",
                        IncidentState.OPEN,
                        Severity.SEV4,
                        MutableClock.START,
                        v,
                        List.of("storage"),
                        false));
            }
            sse.next(
                    WAIT,
                    e -> e.name().equals("change")
                            && e.json().path("event").path("id").asText().equals("incident:st-3:55"));
        }
        String epoch = old.substring(0, old.lastIndexOf('-'));
        assertReset(old, "the changes since the Last-Event-ID are no longer in memory; fetch the current state again");
        assertReset(
                "zzzzzzzz-12",
                "the Last-Event-ID is from an earlier run of the service; fetch the current state again");
        assertReset(
                "not-an-id-x",
                "the Last-Event-ID is from an earlier run of the service; fetch the current state again");
        assertReset(epoch + "-999999999", "the Last-Event-ID is ahead of this stream; fetch the current state again");
        assertReset("garbage", "the Last-Event-ID is not one this stream sent; fetch the current state again");
    }

    private void assertReset(String lastEventId, String reason) throws Exception {
        try (SseClient sse = SseClient.connect(stream + "?lastEventId=" + lastEventId, Keys.HEADER, Keys.VIEWER)) {
            SseClient.Event reset = sse.next(WAIT, e -> true);
            assertEquals("reset", reset.name());
            assertEquals(reason, reset.json().path("reason").asText());
            assertEquals(
                    reset.json().path("epoch").asText() + "-"
                            + reset.json().path("latest").asLong(),
                    reset.id(),
                    "a reset carries the current position, so that the next resume starts from there");
        }
    }

    @Test
    void catalogsReachTheStreamWithoutTheirContacts() throws Exception {
        try (SseClient sse = SseClient.connect(stream.toString(), Keys.HEADER, Keys.VIEWER)) {
            sse.next(WAIT, e -> e.name().equals("hello"));
            Samples.publishCatalog("st-catalog");
            JsonNode data = sse.next(
                            WAIT,
                            e -> e.name().equals("change")
                                    && "st-catalog".equals(e.json().path("key").asText()))
                    .json();
            assertEquals(
                    "Small Test Platform",
                    data.path("event")
                            .path("data")
                            .path("platform")
                            .path("name")
                            .asText());
            assertFalse(data.path("event").path("data").has("contacts"));
            assertFalse(data.path("event").path("data").has("components"));
        }
    }

    @Test
    void theStreamNeedsAKey() throws Exception {
        try (SseClient sse = SseClient.connect(stream.toString())) {
            assertEquals(401, sse.status());
        }
        try (SseClient sse = SseClient.connect(stream.toString(), Keys.HEADER, "wrong")) {
            assertEquals(401, sse.status());
        }
        // A key in the URL counts for nothing: it would end up in access logs and browser history.
        try (SseClient sse = SseClient.connect(stream + "?key=" + Keys.VIEWER)) {
            assertEquals(401, sse.status());
        }
    }
}
