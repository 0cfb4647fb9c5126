package dev.stormwatch.status.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a subscription gets an event: by event type (handover, incident, decision, drill), drill flag (drill
 * records, drill reports included, only to subscriptions that opted in), platform and component. A component filter
 * matches a handover's component, any of an incident's components, a recovery-step decision's component; decisions
 * without a component concern the whole platform and pass it.
 */
public final class SubscriptionFilter {

    /** Subscription event type → CloudEvent type. */
    static final Map<String, String> TYPES = Map.of(
            "handover",
            EventTypes.HANDOVER,
            "incident",
            EventTypes.INCIDENT,
            "decision",
            EventTypes.DECISION,
            "drill",
            EventTypes.DRILL,
            "dr-run-completed",
            EventTypes.DR_RUN_COMPLETED);
    /** Subscription event type → the topic it comes from. */
    static final Map<String, String> TOPICS = Map.of(
            "handover",
            Topics.HANDOVERS.name(),
            "incident",
            Topics.INCIDENTS.name(),
            "decision",
            Topics.DR_DECISIONS.name(),
            "drill",
            Topics.DRILLS.name(),
            "dr-run-completed",
            Topics.HANDOVERS.name());

    private SubscriptionFilter() {}

    public static boolean matches(Subscription s, CloudEvent event) {
        if (event == null) {
            return false;
        }
        String kind = kindOf(event.type());
        if (kind == null || !s.eventTypes().contains(kind)) {
            return false;
        }
        JsonNode data = event.data();
        // A drill report is a drill whatever its envelope says; anything else is one when its envelope or data says so.
        boolean drill = "drill".equals(kind)
                || event.isDrill()
                || (data != null && data.path("drill").asBoolean(false));
        if (drill && !s.drills()) {
            return false;
        }
        if (data == null) {
            return false;
        }
        if (!s.platforms().isEmpty()
                && !s.platforms().contains(data.path("platformId").asText(null))) {
            return false;
        }
        if (s.components().isEmpty()) {
            return true;
        }
        return switch (kind) {
            case "handover" -> s.components().contains(data.path("componentId").asText(null));
            case "incident" -> anyOf(data.path("components"), Set.copyOf(s.components()));
            default -> {
                String component = data.path("step").path("componentId").asText(null);
                yield component == null || s.components().contains(component);
            }
        };
    }

    static String kindOf(String cloudEventType) {
        return TYPES.entrySet().stream()
                .filter(e -> e.getValue().equals(cloudEventType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private static boolean anyOf(JsonNode array, Set<String> wanted) {
        for (JsonNode n : array) {
            if (wanted.contains(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
