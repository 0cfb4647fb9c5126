package dev.stormwatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The loader reads only what the index keeps, from any field order, skipping every other value whole. */
class SeenIndexLoaderReadTest {

    @Test
    void readsTheFourFieldsWhateverComesFirstAndSkipsNestedValues() throws Exception {
        SeenIndexLoader.Read read = SeenIndexLoader.read(bytes("""
                {"data":{"description":"a {tricky} \\"id\\":\\"x\\"","impacted":[
                   {"regions":[{"service":"not this"}],"service":"Storage"},{"service":"Azure SQL"}],
                   "children":{"id":"nested","lastUpdate":"1999-01-01T00:00:00Z"},
                   "subscriptionId":"SUB-1","lastUpdate":"2025-10-09T16:12:01.700Z"},
                 "specversion":"1.0","type":"dev.stormwatch.health.event","id":"evt-1"}
                """));

        assertEquals("evt-1", read.id);
        assertEquals("Storage", read.service, "the first impacted service, not one nested deeper or the second");
        assertEquals("SUB-1", read.subscriptionId);
        assertEquals("2025-10-09T16:12:01.700Z", read.lastUpdate, "data's own, not a nested object's");
    }

    @Test
    void missingOrNullFieldsStayNull() throws Exception {
        SeenIndexLoader.Read read = SeenIndexLoader.read(
                bytes("{\"id\":\"evt-2\",\"data\":{\"impacted\":[],\"subscriptionId\":null,\"lastUpdate\":null}}"));

        assertEquals("evt-2", read.id);
        assertNull(read.service);
        assertNull(read.subscriptionId);
        assertNull(read.lastUpdate);
        assertNull(SeenIndexLoader.read(bytes("[1,2]")).id, "not an object: nothing to index");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
