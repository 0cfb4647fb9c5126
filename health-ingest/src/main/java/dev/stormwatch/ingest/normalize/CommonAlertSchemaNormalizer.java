package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.object;
import static dev.stormwatch.ingest.normalize.PayloadFields.squash;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Azure Monitor common alert schema ({@code schemaId: azureMonitorCommonAlertSchema}) for Activity Log alerts of
 * ServiceHealth (incident, maintenance, information, action required, security) and Resource Health. The state is read
 * from {@code properties.stage}/{@code status}, never from {@code monitorCondition} (always "Fired"); {@code level} and
 * {@code eventSource} may be numbers.
 */
public final class CommonAlertSchemaNormalizer {

    public static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";

    private CommonAlertSchemaNormalizer() {}

    public static Normalized normalize(JsonNode root, String source) {
        JsonNode data = object(root, "data", "data");
        JsonNode essentials = object(data, "essentials", "data.essentials");
        String signalType = PayloadFields.string(essentials, "signalType", "data.essentials.signalType");
        if (!"activitylog".equals(squash(signalType))) {
            return Normalized.unsupported("unsupported signal type '" + signalType
                    + "': only Activity Log alerts of ServiceHealth and ResourceHealth are ingested");
        }
        return fromAlertContext(
                object(data, "alertContext", "data.alertContext"), essentials, "data.alertContext", source);
    }

    /**
     * The {@code alertContext} part on its own (the docs publish it as a fragment); {@code essentials} may be missing.
     */
    static Normalized fromAlertContext(JsonNode ctx, JsonNode essentials, String path, String source) {
        String monitoringService = text(essentials, "monitoringService");
        String operationName = text(ctx, "operationName");
        JsonNode eventSource = field(ctx, "eventSource");
        // eventSource 2 is ServiceHealth: the numeric form of the same doc sample that once read "ServiceHealth".
        String eventSourceText = eventSource.isNumber()
                ? (eventSource.intValue() == 2 ? "ServiceHealth" : eventSource.asText())
                : PayloadFields.scalar(eventSource);
        String categoryText = monitoringService != null && monitoringService.startsWith("Activity Log - ")
                ? monitoringService.substring("Activity Log - ".length())
                : (monitoringService != null ? monitoringService : eventSourceText);
        String category = ActivityLogEvent.category(operationName, monitoringService, eventSourceText);
        String resourceId = text(ctx, "resourceId");
        String firstTarget = null;
        JsonNode targets = field(essentials, "alertTargetIDs");
        if (targets.isArray() && !targets.isEmpty()) {
            firstTarget = PayloadFields.scalar(targets.get(0));
        }
        if (resourceId == null && ActivityLogEvent.RESOURCE_HEALTH.equals(category)) {
            resourceId = firstTarget;
        }
        String subscriptionId = PayloadFields.lower(text(ctx, "subscriptionId"));
        if (subscriptionId == null) {
            subscriptionId = ActivityLogEvent.subscriptionOf(resourceId != null ? resourceId : firstTarget);
        }
        ActivityLogEvent event = new ActivityLogEvent(
                category,
                categoryText,
                operationName,
                PayloadFields.optionalObject(ctx, "properties", path + ".properties"),
                ProviderTimes.at(ctx, "eventTimestamp", path + ".eventTimestamp"),
                EventLevels.of(field(ctx, "level")),
                text(ctx, "status"),
                resourceId,
                subscriptionId,
                path + ".properties");
        return ActivityLogEvents.normalize(event, source);
    }

    static Normalized fromAlertContext(JsonNode ctx, String source) {
        return fromAlertContext(ctx, MissingNode.getInstance(), "alertContext", source);
    }
}
