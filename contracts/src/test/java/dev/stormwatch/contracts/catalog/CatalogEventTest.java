package dev.stormwatch.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One plan is one catalog event, however it was written and whoever publishes it. */
class CatalogEventTest {

    private static final Path EXAMPLE = Path.of("../deploy/catalog/contoso-data-platform.yaml");

    @Test
    void theSamePlanWrittenDifferentlyIsOneEvent() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        Catalog original = CatalogLoader.parse("contoso", yaml);
        Catalog reformatted = CatalogLoader.parse(
                "contoso", "# published again, with a comment and blank lines\n\n" + yaml.replace("\n", "\n\n"));

        CloudEvent uploaded =
                CatalogEvent.envelope(original, "/stormwatch/status-api", Instant.parse("2026-12-06T10:00:00Z"));
        CloudEvent launched =
                CatalogEvent.envelope(reformatted, "/stormwatch/launcher", Instant.parse("2026-12-06T11:00:00Z"));

        assertEquals(uploaded.id(), launched.id());
        assertEquals(EventTypes.CATALOG, uploaded.type());
        assertEquals(original.platformId(), uploaded.subject());
        assertEquals(
                "catalog:" + original.platformId() + ":",
                uploaded.id().substring(0, uploaded.id().lastIndexOf(':') + 1));
        assertEquals(24, uploaded.id().length() - uploaded.id().lastIndexOf(':') - 1, "12 bytes of SHA-256 in hex");
    }

    @Test
    void aChangedPlanIsANewEvent() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        Catalog original = CatalogLoader.parse("contoso", yaml);
        Catalog changed = CatalogLoader.parse("contoso", yaml.replaceFirst("rto: 8h", "rto: 9h"));
        Instant at = Instant.parse("2026-12-06T10:00:00Z");

        assertNotEquals(original.platform().rto(), changed.platform().rto());
        assertNotEquals(
                CatalogEvent.envelope(original, "/s", at).id(),
                CatalogEvent.envelope(changed, "/s", at).id());
    }
}
