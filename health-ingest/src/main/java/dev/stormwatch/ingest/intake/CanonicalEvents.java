package dev.stormwatch.ingest.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stormwatch.contracts.Wire;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.normalize.Normalized;
import dev.stormwatch.ingest.normalize.PayloadException;
import dev.stormwatch.ingest.normalize.Sources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Canonical {@link HealthEvent} JSON, one object or an array, for other tools and load tests. Every event is checked
 * before any is published (a batch is all or nothing): kind, stage, lastUpdate and a key (trackingId or resourceIds)
 * are required; regions are made canonical and resource ids lower-cased as every other source's are; a missing source
 * becomes {@code canonical}.
 */
public final class CanonicalEvents {

    private CanonicalEvents() {}

    public static Normalized parse(JsonNode root, ObjectMapper mapper) {
        List<HealthEvent> events = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw PayloadException.at("$", "empty array; expected one or more HealthEvent objects");
            }
            for (int i = 0; i < root.size(); i++) {
                events.add(event(root.get(i), "[" + i + "]", mapper));
            }
        } else if (root.isObject()) {
            events.add(event(root, "$", mapper));
        } else {
            throw PayloadException.at(
                    "$",
                    "expected a HealthEvent object or an array of them, got "
                            + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Normalized.of(events);
    }

    private static HealthEvent event(JsonNode node, String path, ObjectMapper mapper) {
        if (!node.isObject()) {
            throw PayloadException.at(
                    path,
                    "expected a HealthEvent object, got "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        HealthEvent e;
        try {
            e = mapper.treeToValue(node, HealthEvent.class);
        } catch (JsonMappingException ex) {
            throw PayloadException.at(path + pathOf(ex), problem(ex));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw PayloadException.at(path, ex.getOriginalMessage());
        }
        if (e.kind() == null) {
            throw PayloadException.at(path + ".kind", "missing; expected one of " + Wire.names(HealthEventKind.class));
        }
        if (e.stage() == null) {
            throw PayloadException.at(path + ".stage", "missing; expected one of " + Wire.names(HealthStage.class));
        }
        if (e.lastUpdate() == null) {
            throw PayloadException.at(
                    path + ".lastUpdate",
                    "missing; expected the provider's update time (ISO-8601), which orders versions");
        }
        boolean hasTracking = e.trackingId() != null && !e.trackingId().isBlank();
        if (!hasTracking && e.resourceIds().isEmpty()) {
            throw PayloadException.at(path, "needs a trackingId or at least one resourceIds entry (the event's key)");
        }
        List<ImpactedService> impacted = new ArrayList<>();
        for (int i = 0; i < e.impacted().size(); i++) {
            ImpactedService p = e.impacted().get(i);
            if (p == null || p.service() == null || p.service().isBlank() || Regions.canonical(p.region()) == null) {
                throw PayloadException.at(
                        path + ".impacted[" + i + "]", "expected {\"service\": …, \"region\": …} with both set");
            }
            impacted.add(new ImpactedService(p.service(), Regions.canonical(p.region())));
        }
        List<String> resourceIds =
                e.resourceIds().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        String source = e.source() == null || e.source().isBlank() ? Sources.CANONICAL : e.source();
        return new HealthEvent(
                source,
                e.kind(),
                hasTracking ? e.trackingId() : null,
                e.title(),
                e.summary(),
                e.stage(),
                e.level() == null ? null : e.level().toLowerCase(Locale.ROOT),
                impacted,
                resourceIds,
                e.subscriptionId() == null ? null : e.subscriptionId().toLowerCase(Locale.ROOT),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState() == null ? null : e.availabilityState().toLowerCase(Locale.ROOT),
                e.synthetic());
    }

    private static String pathOf(JsonMappingException ex) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : ex.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String problem(JsonMappingException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (ex instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            if (f.getTargetType() == Instant.class) {
                return "'" + f.getValue() + "' is not an ISO-8601 time such as 2021-11-16T20:00:00Z";
            }
            return "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
        }
        if (ex instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType());
        }
        String message = ex.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "a string";
        }
        return "an object (" + type.getSimpleName() + ")";
    }
}
