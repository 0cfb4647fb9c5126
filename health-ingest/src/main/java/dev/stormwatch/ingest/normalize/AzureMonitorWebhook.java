package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognizes what an Azure Monitor action group (or an Event Grid subscription) posted to the webhook and hands it to
 * the normalizer of that shape; anything else is a {@link PayloadException} that says what was expected.
 */
public final class AzureMonitorWebhook {

    static final String EXPECTED = "expected an Azure Monitor alert: a JSON object with schemaId '"
            + CommonAlertSchemaNormalizer.SCHEMA_ID + "' (common alert schema) or '"
            + LegacyActivityLogAlertNormalizer.SCHEMA_ID
            + "' (activity-log alert schema), or Event Grid " + EventGridHealthResourcesNormalizer.TYPE_PREFIX
            + "* events";

    private AzureMonitorWebhook() {}

    public static Normalized normalize(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw PayloadException.at("$", "empty body; " + EXPECTED);
        }
        if (EventGridHealthResourcesNormalizer.recognizes(root)) {
            return EventGridHealthResourcesNormalizer.normalize(root, Sources.EVENT_GRID);
        }
        if (!root.isObject()) {
            throw PayloadException.at("$", "got " + PayloadFields.kind(root) + "; " + EXPECTED);
        }
        JsonNode schemaIdNode = PayloadFields.field(root, "schemaId");
        if (schemaIdNode.isMissingNode() || schemaIdNode.isNull()) {
            throw PayloadException.at("schemaId", "missing; " + EXPECTED);
        }
        if (!schemaIdNode.isTextual()) {
            throw PayloadException.at(
                    "schemaId", "expected a string, got " + PayloadFields.kind(schemaIdNode) + "; " + EXPECTED);
        }
        String schemaId = schemaIdNode.asText().trim();
        if (schemaId.equalsIgnoreCase(CommonAlertSchemaNormalizer.SCHEMA_ID)) {
            return CommonAlertSchemaNormalizer.normalize(root, Sources.AZURE_MONITOR);
        }
        if (schemaId.equalsIgnoreCase(LegacyActivityLogAlertNormalizer.SCHEMA_ID)) {
            return LegacyActivityLogAlertNormalizer.normalize(root, Sources.AZURE_MONITOR);
        }
        throw PayloadException.at("schemaId", "unknown schema '" + abbreviate(schemaId) + "'; " + EXPECTED);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
