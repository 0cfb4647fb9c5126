package dev.stormwatch.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Event Grid asks of a webhook before it delivers to it. For the CloudEvents schema, an HTTP {@code OPTIONS}
 * abuse-protection request with {@code WebHook-Request-Origin}, answered with {@code WebHook-Allowed-Origin}; for the
 * Event Grid schema, a {@code Microsoft.EventGrid.SubscriptionValidationEvent} whose {@code data.validationCode} is
 * echoed as {@code {"validationResponse": code}}. Neither is a health signal.
 */
final class EventGridHandshake {

    static final String REQUEST_ORIGIN = "WebHook-Request-Origin";
    static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";
    static final String ALLOWED_RATE = "WebHook-Allowed-Rate";
    static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private EventGridHandshake() {}

    /** The validation code of a subscription validation event (alone or first in an array); null for anything else. */
    static String validationCode(JsonNode root) {
        JsonNode first = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : root;
        if (first == null
                || !first.isObject()
                || !VALIDATION_EVENT.equalsIgnoreCase(first.path("eventType").asText(""))) {
            return null;
        }
        JsonNode code = first.path("data").path("validationCode");
        return code.isTextual() && !code.asText().isBlank() ? code.asText() : null;
    }
}
