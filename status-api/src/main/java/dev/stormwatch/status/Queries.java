package dev.stormwatch.status;

import dev.stormwatch.contracts.Wire;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses query parameters and collects every bad one, so that a caller learns all mistakes from one 400: which
 * parameter, which value, what was expected.
 */
public final class Queries {

    private final List<Problem> problems = new ArrayList<>();

    public <E extends Enum<E>> Set<E> enums(String name, List<String> values, Class<E> type) {
        Set<E> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        for (String raw : values) {
            for (String v : raw.split(",")) {
                if (v.isBlank()) {
                    continue;
                }
                try {
                    out.add(Wire.parse(type, v));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(null, name, "'" + v + "' is not one of " + Wire.names(type)));
                }
            }
        }
        return out;
    }

    public Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(
                    new Problem(null, name, "'" + value + "' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z"));
            return null;
        }
    }

    public int limit(String name, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            problems.add(new Problem(null, name, "must be between 1 and " + max + ", was " + value));
            return fallback;
        }
        return value;
    }

    public void problem(String name, String message) {
        problems.add(new Problem(null, name, message));
    }

    /** Throws a 400 listing every problem, if there is one. */
    public void check() {
        if (!problems.isEmpty()) {
            throw ApiError.badRequest(problems.size() == 1 ? "bad query parameter" : "bad query parameters", problems);
        }
    }
}
