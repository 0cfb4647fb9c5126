package dev.stormwatch.correlator.resilience;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalog the correlator cannot apply (here: published without the loader, missing its secondary region) is
 * dead-lettered with the reason and where it was read, and correlation goes on for every other platform.
 */
class UnappliableCatalogTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    CorrelatorDriver driver;

    @BeforeEach
    void start() {
        driver = new CorrelatorDriver(T0);
        driver.catalog(Catalogs.contoso());
        driver.drain();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCatalogWithoutSecondaryRegionIsDeadLetteredAndAnotherPlatformIsStillCorrelated() {
        CloudEvent broken = withoutSecondaryRegion("broken-platform");
        driver.rawCatalog("broken-platform", JsonCodec.toBytes(broken));

        RejectedInput rejected = single(driver.deadLetters());
        assertEquals("catalog.v1-0@1", rejected.endpoint(), "the record's coordinates: topic-partition@offset");
        assertTrue(
                rejected.reason().startsWith("CloudEvent " + broken.id() + ": the catalog cannot be applied: "),
                rejected.reason());
        assertTrue(
                rejected.reason().contains("platform: missing secondaryRegion: the region to fail over to"),
                rejected.reason());
        assertTrue(rejected.raw().contains("\"broken-platform\""), rejected.raw());
        assertEquals(List.of(), driver.feasibility(), "nothing applied for the broken platform");
        assertEquals(List.of(), driver.audit());

        driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
        Incident incident = single(driver.incidents());
        assertEquals("inc-contoso-data-platform-stg-1-20261122-1000", incident.id());
        assertEquals(List.of("adls-raw", "adls-enriched", "adls-curated"), incident.components());
        assertEquals(
                List.of(
                        "adls-raw",
                        "adls-enriched",
                        "adls-curated",
                        "databricks",
                        "synapse",
                        "analysis-services",
                        "power-bi"),
                driver.statuses().stream().map(ComponentStatus::componentId).toList());
        assertEquals(List.of(), driver.deadLetters());
    }

    private static CloudEvent withoutSecondaryRegion(String platformId) {
        CloudEvent valid = JsonCodec.envelope(
                "catalog-" + platformId,
                EventTypes.CATALOG,
                "/elsewhere",
                platformId,
                T0,
                false,
                Catalogs.contoso(platformId, "33333333-3333-3333-3333-333333333333"));
        ObjectNode data = valid.data().deepCopy();
        ((ObjectNode) data.get("platform")).remove("secondaryRegion");
        return JsonCodec.envelope(valid.id(), valid.type(), valid.source(), valid.subject(), T0, false, data);
    }

    static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
