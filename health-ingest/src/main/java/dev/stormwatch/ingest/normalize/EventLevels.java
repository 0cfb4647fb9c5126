package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Event levels in one form: {@code critical}, {@code error}, {@code warning}, {@code informational}, {@code verbose}.
 * The common alert schema may send them as numbers (Azure Monitor's EventLevel enum: 0 Critical, 1 Error, 2 Warning, 3
 * Informational, 4 Verbose), Event Hubs records say {@code Information}.
 */
final class EventLevels {

    static final String CRITICAL = "critical";
    static final String ERROR = "error";
    static final String WARNING = "warning";
    static final String INFORMATIONAL = "informational";
    static final String VERBOSE = "verbose";

    private EventLevels() {}

    static String of(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return fromNumber(v.intValue());
        }
        return of(PayloadFields.scalar(v));
    }

    static String of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            return fromNumber(Integer.parseInt(s));
        }
        return switch (s) {
            case "information", "informational", "info" -> INFORMATIONAL;
            case "critical" -> CRITICAL;
            case "error" -> ERROR;
            case "warning" -> WARNING;
            case "verbose" -> VERBOSE;
            default -> s;
        };
    }

    private static String fromNumber(int n) {
        return switch (n) {
            case 0 -> CRITICAL;
            case 1 -> ERROR;
            case 2 -> WARNING;
            case 3 -> INFORMATIONAL;
            case 4 -> VERBOSE;
            default -> String.valueOf(n);
        };
    }
}
