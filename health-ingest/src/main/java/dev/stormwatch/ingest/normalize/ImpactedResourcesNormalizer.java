package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resource Health {@code events/{trackingId}/impactedResources}: the resource ids an event hits in a subscription,
 * lower-cased. Items that carry only {@code info[]} key/value pairs name no resource and are left out.
 */
public final class ImpactedResourcesNormalizer {

    private ImpactedResourcesNormalizer() {}

    public static List<String> resourceIds(JsonNode body) {
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode item : PayloadFields.array(body, "value", "value")) {
            JsonNode props = PayloadFields.optionalObject(item, "properties", "value[" + i++ + "].properties");
            String id = text(props, "targetResourceId");
            if (id == null) {
                id = text(field(item, "properties"), "resourceId");
            }
            if (id != null) {
                ids.add(id.toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(ids);
    }
}
