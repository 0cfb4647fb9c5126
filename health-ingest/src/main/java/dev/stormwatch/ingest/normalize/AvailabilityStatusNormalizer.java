package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.lower;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resource availability: REST {@code availabilityStatuses} (field spelled {@code occuredTime}, sic), Resource Graph
 * HealthResources rows and Event Grid AvailabilityStatusChanged ({@code occurredTime}). The update time is when the
 * current state began, so that polling the same "current" status again is the same update. Level follows the state as
 * the Activity Log writes it for a VM outage: unavailable critical, degraded/unknown warning, available informational.
 */
public final class AvailabilityStatusNormalizer {

    private AvailabilityStatusNormalizer() {}

    /** A list response {@code {"value":[…]}} or one status. */
    public static Normalized normalize(JsonNode body, String source) {
        List<HealthEvent> events = new ArrayList<>();
        JsonNode value = field(body, "value");
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                events.add(status(item, source, "value[" + i++ + "]"));
            }
        } else if (value.isMissingNode() && body.isObject()) {
            events.add(status(body, source, "$"));
        } else {
            throw PayloadException.at(
                    "value", "expected an array of availability statuses, got " + PayloadFields.kind(value));
        }
        return Normalized.of(events);
    }

    static HealthEvent status(JsonNode item, String source, String path) {
        if (!item.isObject()) {
            throw PayloadException.at(path, "expected an availability status object, got " + PayloadFields.kind(item));
        }
        JsonNode props = PayloadFields.object(item, "properties", path + ".properties");
        String resourceId = text(props, "targetResourceId");
        if (resourceId == null) {
            resourceId = resourceOf(text(item, "id"));
        }
        return fromProperties(props, resourceId, source, path + ".properties");
    }

    /** "{resource}/providers/Microsoft.ResourceHealth/availabilityStatuses/current" → "{resource}". */
    static String resourceOf(String statusId) {
        if (statusId == null) {
            return null;
        }
        int at = statusId.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.resourcehealth/");
        return at > 0 ? statusId.substring(0, at) : statusId;
    }

    static HealthEvent fromProperties(JsonNode props, String resourceId, String source, String path) {
        String state = lower(text(props, "availabilityState"));
        String previous = lower(text(props, "previousAvailabilityState"));
        Instant occurred = ProviderTimes.first(props, path, "occuredTime", "occurredTime");
        JsonNode recentlyResolved = field(props, "recentlyResolved");
        boolean available = "available".equals(state);
        HealthStage stage = available ? HealthStage.RESOLVED : HealthStage.ACTIVE;
        Instant impactStart = available
                ? ProviderTimes.first(
                        recentlyResolved,
                        path + ".recentlyResolved",
                        "unavailableOccuredTime",
                        "unavailableOccurredTime")
                : occurred;
        Instant mitigation = null;
        if (available) {
            mitigation = ProviderTimes.at(recentlyResolved, "resolvedTime", path + ".recentlyResolved.resolvedTime");
            if (mitigation == null && previous != null && !previous.equals("available")) {
                mitigation = occurred;
            }
        }
        Instant lastUpdate =
                occurred != null ? occurred : ProviderTimes.at(props, "reportedTime", path + ".reportedTime");
        String summary = text(props, "summary");
        return new HealthEvent(
                source,
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                text(props, "title"),
                PlainText.of(summary != null ? summary : text(props, "detailedStatus")),
                stage,
                levelOf(state),
                List.of(),
                resourceId == null ? List.of() : List.of(resourceId.toLowerCase(Locale.ROOT)),
                ActivityLogEvent.subscriptionOf(resourceId),
                impactStart,
                mitigation,
                lastUpdate,
                PortalLinks.resourceHealth(resourceId),
                state,
                false);
    }

    static String levelOf(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "unavailable" -> EventLevels.CRITICAL;
            case "degraded", "unknown" -> EventLevels.WARNING;
            case "available" -> EventLevels.INFORMATIONAL;
            default -> null;
        };
    }

    /**
     * A Resource Health annotation (why a resource's availability changed: "VirtualMachineDeallocationInitiated").
     * Unplanned ones are active impact, planned ones planned, the rest ("Not Applicable", customer initiated) complete
     * notices.
     */
    static HealthEvent annotation(JsonNode props, String resourceId, String source, String path) {
        String category = PayloadFields.squash(text(props, "category"));
        HealthStage stage = "unplanned".equals(category)
                ? HealthStage.ACTIVE
                : "planned".equals(category) ? HealthStage.PLANNED : HealthStage.COMPLETE;
        String reason = text(props, "reason");
        Instant occurred = ProviderTimes.first(props, path, "occurredTime", "occuredTime");
        return new HealthEvent(
                source,
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                reason != null ? reason : text(props, "annotationName"),
                PlainText.of(text(props, "summary")),
                stage,
                EventLevels.INFORMATIONAL,
                List.of(),
                resourceId == null ? List.of() : List.of(resourceId.toLowerCase(Locale.ROOT)),
                ActivityLogEvent.subscriptionOf(resourceId),
                stage == HealthStage.ACTIVE ? occurred : null,
                null,
                occurred,
                PortalLinks.resourceHealth(resourceId),
                null,
                false);
    }
}
