package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Activity Log REST API / portal JSON shape: {@code category}, {@code operationName}, {@code status} are
 * {@code {value, localizedValue}} objects and the SH/RH properties are flat in {@code properties}. Resource Health
 * names them differently here ({@code healthStatus} rather than {@code currentHealthStatus}). A REST list response
 * ({@code {"value":[…]}}) is read item by item.
 */
public final class ActivityLogRestNormalizer {

    private ActivityLogRestNormalizer() {}

    public static Normalized normalize(JsonNode root, String source) {
        JsonNode value = field(root, "value");
        if (value.isArray()) {
            Normalized all = Normalized.of(java.util.List.of());
            int i = 0;
            for (JsonNode item : value) {
                all = all.plus(event(item, "value[" + i++ + "]", source));
            }
            return all;
        }
        return event(root, "", source);
    }

    static Normalized event(JsonNode item, String path, String source) {
        String prefix = path.isEmpty() ? "" : path + ".";
        String operationName = text(item, "operationName");
        String category = text(item, "category");
        String resourceId = text(item, "resourceId");
        String subscriptionId = PayloadFields.lower(text(item, "subscriptionId"));
        if (subscriptionId == null) {
            subscriptionId = ActivityLogEvent.subscriptionOf(resourceId);
        }
        ActivityLogEvent event = new ActivityLogEvent(
                ActivityLogEvent.category(operationName, category),
                category,
                operationName,
                PayloadFields.optionalObject(item, "properties", prefix + "properties"),
                ProviderTimes.at(item, "eventTimestamp", prefix + "eventTimestamp"),
                EventLevels.of(field(item, "level")),
                text(item, "status"),
                resourceId,
                subscriptionId,
                prefix + "properties");
        return ActivityLogEvents.normalize(event, source);
    }
}
