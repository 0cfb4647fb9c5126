package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Azure Resource Graph rows of ServiceHealthResources ({@code microsoft.resourcehealth/events}, PascalCase properties)
 * and HealthResources ({@code microsoft.resourcehealth/availabilitystatuses} and {@code resourceannotations}). Accepts
 * a query response ({@code {"data":[…]}}) or the rows themselves.
 */
public final class ResourceGraphNormalizer {

    private ResourceGraphNormalizer() {}

    public static Normalized normalize(JsonNode body, String source) {
        JsonNode rows = body.isArray() ? body : field(body, "data");
        if (!rows.isArray()) {
            throw PayloadException.at("data", "expected the query's rows as an array, got " + PayloadFields.kind(rows));
        }
        Normalized all = Normalized.of(List.of());
        int i = 0;
        for (JsonNode row : rows) {
            all = all.plus(row(row, "data[" + i++ + "]", source));
        }
        return all.events().isEmpty()
                ? all
                : new Normalized(ResourceHealthEventsNormalizer.mergeByTrackingId(all.events()), all.unsupported());
    }

    static Normalized row(JsonNode row, String path, String source) {
        String type = PayloadFields.lower(text(row, "type"));
        JsonNode props = PayloadFields.object(row, "properties", path + ".properties");
        if ("microsoft.resourcehealth/events".equals(type)) {
            return Normalized.of(ResourceHealthEventsNormalizer.events(
                    row, PayloadFields.lower(text(row, "subscriptionId")), source, path, null));
        }
        String resourceId = text(props, "targetResourceId");
        if (resourceId == null) {
            resourceId = AvailabilityStatusNormalizer.resourceOf(text(row, "id"));
        }
        if ("microsoft.resourcehealth/availabilitystatuses".equals(type)) {
            return Normalized.of(List.of(
                    AvailabilityStatusNormalizer.fromProperties(props, resourceId, source, path + ".properties")));
        }
        if ("microsoft.resourcehealth/resourceannotations".equals(type)) {
            return Normalized.of(
                    List.of(AvailabilityStatusNormalizer.annotation(props, resourceId, source, path + ".properties")));
        }
        return Normalized.unsupported("unsupported Resource Graph row type '" + type + "' at " + path);
    }
}
