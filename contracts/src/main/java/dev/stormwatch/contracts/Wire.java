package dev.stormwatch.contracts;

import java.util.Locale;

/**
 * How the contracts' enums appear on the wire: kebab-case ("service-incident", "rto-at-risk"). Parsing is lenient about
 * case, spaces and underscores because providers and people type them every way.
 */
public final class Wire {

    private Wire() {}

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + names(type));
    }

    public static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder out = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            out.append(out.isEmpty() ? "" : ", ").append(name(constant));
        }
        return out.toString();
    }
}
