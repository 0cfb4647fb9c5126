package dev.stormwatch.contracts.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeasibilityReportTest {

    @Test
    void reportTravelsAsACloudEventOnTheCompactedFeasibilityTopic() {
        FeasibilityReport report = new FeasibilityReport(
                "example",
                "Example",
                Instant.parse("2026-11-22T10:00:00Z"),
                "abc",
                Duration.ofHours(3),
                Duration.ofMinutes(200),
                Duration.ofMinutes(-20),
                false,
                false,
                List.of("key-vault", "storage"),
                List.of(new FeasibilityReport.Finding(
                        FeasibilityReport.Finding.RTO_EXCEEDED,
                        null,
                        "over by 20m",
                        Duration.ofHours(3),
                        Duration.ofMinutes(200),
                        Duration.ofMinutes(20),
                        List.of("power-bi"),
                        List.of("Extend the RTO"))));
        CloudEvent envelope = JsonCodec.envelope(
                "f-1",
                EventTypes.FEASIBILITY,
                "/stormwatch/incident-correlator",
                "example",
                Instant.parse("2026-11-22T10:00:00Z"),
                false,
                report);

        CloudEvent back = JsonCodec.fromJson(JsonCodec.toBytes(envelope), CloudEvent.class);

        assertEquals(report, JsonCodec.data(back, FeasibilityReport.class));
        assertTrue(Topics.ALL.contains(Topics.FEASIBILITY));
        assertTrue(Topics.FEASIBILITY.compacted());
    }
}
