package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import java.util.List;

/**
 * Activity Log exported by diagnostic settings to Event Hubs (or storage): {@code {"records":[…]}}, one record per
 * event. The SH/RH properties sit in {@code properties.eventProperties} (an object, or JSON in a string), the update
 * time in {@code time}, the resource id in upper case. Records of other categories are reported as unsupported, one
 * reason each.
 */
public final class ActivityLogRecordsNormalizer {

    private ActivityLogRecordsNormalizer() {}

    public static Normalized normalize(JsonNode root, String source) {
        if (!root.isObject() || !root.has("records")) {
            throw PayloadException.at("$", "expected an Activity Log export envelope {\"records\":[…]}");
        }
        Normalized all = Normalized.of(List.of());
        int i = 0;
        for (JsonNode record : PayloadFields.array(root, "records", "records")) {
            String path = "records[" + i++ + "]";
            if (!record.isObject()) {
                throw PayloadException.at(path, "expected an object, got " + PayloadFields.kind(record));
            }
            all = all.plus(record(record, path, source));
        }
        return all;
    }

    static Normalized record(JsonNode record, String path, String source) {
        JsonNode properties = PayloadFields.optionalObject(record, "properties", path + ".properties");
        String operationName = text(record, "operationName");
        String category = text(record, "category");
        String eventCategory = text(properties, "eventCategory");
        JsonNode eventProperties = field(properties, "eventProperties");
        if (eventProperties.isTextual()) {
            try {
                eventProperties = JsonCodec.mapper().readTree(eventProperties.asText());
            } catch (JsonProcessingException e) {
                throw PayloadException.at(path + ".properties.eventProperties", "a string that is not JSON");
            }
        }
        if (!eventProperties.isObject()) {
            eventProperties = properties;
        }
        String resourceId = text(record, "resourceId");
        ActivityLogEvent event = new ActivityLogEvent(
                ActivityLogEvent.category(operationName, category, eventCategory),
                category,
                operationName,
                eventProperties,
                ProviderTimes.first(record, path, "time", "eventTimestamp"),
                EventLevels.of(field(record, "level")),
                text(record, "resultType", "status"),
                resourceId,
                ActivityLogEvent.subscriptionOf(resourceId),
                field(properties, "eventProperties").isMissingNode()
                        ? path + ".properties"
                        : path + ".properties.eventProperties");
        return ActivityLogEvents.normalize(event, source);
    }
}
