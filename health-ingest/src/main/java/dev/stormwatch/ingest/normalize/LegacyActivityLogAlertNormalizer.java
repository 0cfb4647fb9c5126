package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.object;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The older activity-log alert webhook ({@code schemaId: Microsoft.Insights/activityLogs}): the event sits in
 * {@code data.context.activityLog}; {@code data.status} is always "Activated" and says nothing about the state.
 */
public final class LegacyActivityLogAlertNormalizer {

    public static final String SCHEMA_ID = "Microsoft.Insights/activityLogs";

    private LegacyActivityLogAlertNormalizer() {}

    public static Normalized normalize(JsonNode root, String source) {
        JsonNode data = object(root, "data", "data");
        JsonNode context = object(data, "context", "data.context");
        JsonNode log = object(context, "activityLog", "data.context.activityLog");
        String path = "data.context.activityLog";
        String operationName = text(log, "operationName");
        String eventSource = text(log, "eventSource");
        String resourceId = text(log, "resourceId");
        String subscriptionId = PayloadFields.lower(text(log, "subscriptionId"));
        if (subscriptionId == null) {
            subscriptionId = ActivityLogEvent.subscriptionOf(resourceId);
        }
        ActivityLogEvent event = new ActivityLogEvent(
                ActivityLogEvent.category(operationName, eventSource),
                eventSource,
                operationName,
                PayloadFields.optionalObject(log, "properties", path + ".properties"),
                ProviderTimes.at(log, "eventTimestamp", path + ".eventTimestamp"),
                EventLevels.of(field(log, "level")),
                text(log, "status"),
                resourceId,
                subscriptionId,
                path + ".properties");
        return ActivityLogEvents.normalize(event, source);
    }
}
