package dev.stormwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    @Test
    void healthEventTravelsAsAStructuredCloudEvent() {
        HealthEvent event = new HealthEvent(
                "azure-monitor",
                HealthEventKind.SERVICE_INCIDENT,
                "NA0F-BJG",
                "Storage - UK South",
                "Impact summary",
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService("Storage", "uksouth")),
                List.of(),
                "sub-1",
                Instant.parse("2026-11-22T10:00:00Z"),
                null,
                Instant.parse("2026-11-22T10:05:00.1234567Z"),
                null,
                null,
                false);
        CloudEvent envelope = JsonCodec.envelope(
                "id-1",
                EventTypes.HEALTH_EVENT,
                "/stormwatch/health-ingest",
                "NA0F-BJG",
                Instant.parse("2026-11-22T10:05:01Z"),
                false,
                event);

        String json = JsonCodec.toJson(envelope);
        CloudEvent back = JsonCodec.serde(CloudEvent.class).deserializer().deserialize("t", json.getBytes());

        assertTrue(json.startsWith("{\"specversion\":\"1.0\",\"id\":\"id-1\""), json);
        assertTrue(json.contains("\"kind\":\"service-incident\""), json);
        assertTrue(json.contains("\"time\":\"2026-11-22T10:05:01Z\""), json);
        assertTrue(!json.contains("drill"), "drill is only written when true: " + json);
        assertEquals(event, JsonCodec.data(back, HealthEvent.class));
    }

    @Test
    void stageAcceptsPirPublishedAndAnyCase() {
        assertEquals(HealthStage.RCA, HealthStage.of("pir-published"));
        assertEquals(HealthStage.ACTIVE, HealthStage.of("Active"));
        assertEquals("rca", HealthStage.RCA.wire());
    }
}
