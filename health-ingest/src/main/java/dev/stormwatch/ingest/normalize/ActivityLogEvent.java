package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One Activity Log event of category ServiceHealth or ResourceHealth, read out of whichever envelope carried it (common
 * alert schema, legacy alert, Event Hubs record, REST). The Service Health and Resource Health properties share their
 * names across envelopes, so one mapping serves them all.
 *
 * @param category the squashed category ({@code servicehealth}, {@code resourcehealth}, anything else)
 * @param categoryText the category as the payload wrote it, for messages
 * @param properties the SH/RH properties object (may be a missing node)
 * @param eventTimestamp when the event was written: the update time shared by every envelope of the same event
 * @param propertiesPath where the SH/RH properties sit in their payload, for messages
 */
record ActivityLogEvent(
        String category,
        String categoryText,
        String operationName,
        JsonNode properties,
        Instant eventTimestamp,
        String level,
        String status,
        String resourceId,
        String subscriptionId,
        String propertiesPath) {

    static final String SERVICE_HEALTH = "servicehealth";
    static final String RESOURCE_HEALTH = "resourcehealth";

    /** The category from the first squashed value that names one, else from the operation name's provider. */
    static String category(String operationName, String... candidates) {
        for (String c : candidates) {
            String s = PayloadFields.squash(c);
            if (SERVICE_HEALTH.equals(s) || RESOURCE_HEALTH.equals(s)) {
                return s;
            }
        }
        String op = PayloadFields.lower(operationName);
        if (op != null && op.startsWith("microsoft.servicehealth/")) {
            return SERVICE_HEALTH;
        }
        if (op != null && op.startsWith("microsoft.resourcehealth/")) {
            return RESOURCE_HEALTH;
        }
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return PayloadFields.squash(c);
            }
        }
        return null;
    }

    /** "/subscriptions/X/…" → "x". */
    static String subscriptionOf(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        String[] parts = resourceId.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("subscriptions") && !parts[i + 1].isBlank()) {
                return parts[i + 1].toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }
}
