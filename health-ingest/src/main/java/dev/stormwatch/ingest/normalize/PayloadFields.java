package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reading provider JSON the way providers write it: keys in PascalCase in one source and camelCase in another
 * ({@code TrackingId}/{@code trackingId}, {@code ResourceType}/{@code resourceType}), booleans as strings
 * ({@code "True"}), numbers as strings, and {@code {value, localizedValue}} objects in the Activity Log REST shape.
 */
final class PayloadFields {

    private PayloadFields() {}

    /** The field {@code name} of {@code node}, matched exactly first and then ignoring case; never null. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** The first of {@code names} that is present and not null. */
    static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = field(node, name);
            if (!v.isMissingNode() && !v.isNull()) {
                return v;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * A scalar as text: strings as they are, numbers and booleans printed, {@code {value, localizedValue}} objects as
     * their {@code value}; null, missing and blank as null.
     */
    static String text(JsonNode node, String... names) {
        return scalar(first(node, names));
    }

    static String scalar(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            return scalar(field(v, "value"));
        }
        if (v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** {@code true}, {@code "true"}, {@code "True"} → true; anything else → false. */
    static boolean truthy(JsonNode node, String... names) {
        JsonNode v = first(node, names);
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String s = scalar(v);
        return s != null && s.equalsIgnoreCase("true");
    }

    /** The object at {@code name}, or a 400-worthy problem naming the path when it has another type. */
    static JsonNode object(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v.isMissingNode() || v.isNull()) {
            throw PayloadException.at(path, "missing, expected an object");
        }
        if (!v.isObject()) {
            throw PayloadException.at(path, "expected an object, got " + kind(v));
        }
        return v;
    }

    /** The object at {@code name} if present, else a missing node; another type is a problem naming the path. */
    static JsonNode optionalObject(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v.isMissingNode() || v.isNull()) {
            return MissingNode.getInstance();
        }
        if (!v.isObject()) {
            throw PayloadException.at(path, "expected an object, got " + kind(v));
        }
        return v;
    }

    /** The array at {@code name}; missing or null is an empty array, another type is a problem naming the path. */
    static Iterable<JsonNode> array(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v.isMissingNode() || v.isNull()) {
            return java.util.List.of();
        }
        if (!v.isArray()) {
            throw PayloadException.at(path, "expected an array, got " + kind(v));
        }
        return v;
    }

    /** A string field that must be text when present (numbers are accepted as their text). */
    static String string(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isContainerNode() && !(v.isObject() && v.has("value"))) {
            throw PayloadException.at(path, "expected a string, got " + kind(v));
        }
        return scalar(v);
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** "Resource Health", "ResourceHealth", "resource_health" → "resourcehealth": for comparing provider enums. */
    static String squash(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
