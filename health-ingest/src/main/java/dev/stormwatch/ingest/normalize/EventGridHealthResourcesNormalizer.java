package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.object;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.health.HealthEvent;
import java.util.List;

/**
 * Event Grid system topic {@code Microsoft.ResourceNotifications.HealthResources}, in the CloudEvents 1.0 form
 * ({@code type}) or the Event Grid schema ({@code eventType}), one event or an array as Event Grid delivers them.
 */
public final class EventGridHealthResourcesNormalizer {

    public static final String TYPE_PREFIX = "Microsoft.ResourceNotifications.HealthResources.";
    static final String AVAILABILITY_CHANGED = TYPE_PREFIX + "AvailabilityStatusChanged";
    static final String ANNOTATED = TYPE_PREFIX + "ResourceAnnotated";

    private EventGridHealthResourcesNormalizer() {}

    /** True when {@code root} (or its first element) is an Event Grid HealthResources event. */
    public static boolean recognizes(JsonNode root) {
        JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
        String type = text(first, "type", "eventType");
        return type != null && type.regionMatches(true, 0, TYPE_PREFIX, 0, TYPE_PREFIX.length());
    }

    public static Normalized normalize(JsonNode root, String source) {
        if (root.isArray()) {
            Normalized all = Normalized.of(List.of());
            int i = 0;
            for (JsonNode e : root) {
                all = all.plus(event(e, "[" + i++ + "]", source));
            }
            return all;
        }
        return event(root, "$", source);
    }

    static Normalized event(JsonNode e, String path, String source) {
        String type = text(e, "type", "eventType");
        JsonNode data = object(e, "data", path + ".data");
        JsonNode info = object(data, "resourceInfo", path + ".data.resourceInfo");
        JsonNode props = object(info, "properties", path + ".data.resourceInfo.properties");
        String resourceId = text(props, "targetResourceId");
        if (resourceId == null) {
            resourceId = text(e, "subject");
        }
        String propsPath = path + ".data.resourceInfo.properties";
        HealthEvent event;
        if (AVAILABILITY_CHANGED.equalsIgnoreCase(type)) {
            event = AvailabilityStatusNormalizer.fromProperties(props, resourceId, source, propsPath);
        } else if (ANNOTATED.equalsIgnoreCase(type)) {
            event = AvailabilityStatusNormalizer.annotation(props, resourceId, source, propsPath);
        } else {
            return Normalized.unsupported("unsupported Event Grid event type '" + type
                    + "': only HealthResources AvailabilityStatusChanged and ResourceAnnotated are ingested");
        }
        return Normalized.of(List.of(event));
    }
}
