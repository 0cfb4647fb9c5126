package dev.stormwatch.contracts.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a DR plan: {@code 20m}, {@code 1h30m}, {@code 2d}, {@code 45s}, or ISO
 * {@code PT20M}.
 */
public final class DurationText {

    private static final Pattern SHORT =
            Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private DurationText() {}

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, like 20m, 1h30m or 2d");
        }
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (like 20m, 1h30m, 2d or PT20M)");
            }
        }
        Matcher m = SHORT.matcher(t);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (like 20m, 1h30m, 2d or PT20M)");
        }
        try {
            return Duration.ofDays(num(m.group(1)))
                    .plusHours(num(m.group(2)))
                    .plusMinutes(num(m.group(3)))
                    .plusSeconds(num(m.group(4)));
        } catch (ArithmeticException | NumberFormatException e) {
            // More digits than a long holds, or more seconds than a Duration does.
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /** The short form back: 200 minutes → "3h20m". */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0m";
        }
        StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
        Duration a = d.abs();
        if (a.toDays() > 0) {
            out.append(a.toDays()).append('d');
        }
        if (a.toHoursPart() > 0) {
            out.append(a.toHoursPart()).append('h');
        }
        if (a.toMinutesPart() > 0) {
            out.append(a.toMinutesPart()).append('m');
        }
        if (a.toSecondsPart() > 0) {
            out.append(a.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static long num(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
