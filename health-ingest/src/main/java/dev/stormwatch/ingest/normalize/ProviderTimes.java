package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Provider timestamps into instants. Azure writes ISO-8601 with 0 to 7 fractional digits and {@code Z} or
 * {@code +00:00}; the {@code 0001-01-01T00:00:00} sentinel (no zone) for "unknown"; RSS uses the .NET RFC-822 variant
 * {@code Tue, 15 Jun 2021 04:09:45 Z}; an old doc sample {@code 3/29/2017 3:43:21 PM}; Resource Graph numbers. Times
 * without a zone are UTC, as every Azure API means them.
 */
final class ProviderTimes {

    private static final DateTimeFormatter US_DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);
    /** .NET ticks (100 ns) from 0001-01-01 to 1970-01-01. */
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;

    private ProviderTimes() {}

    /** The time in {@code node.name}, or null when absent, blank or the "unknown" sentinel. */
    static Instant at(JsonNode node, String name, String path) {
        JsonNode v = PayloadFields.field(node, name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return fromNumber(v.longValue());
        }
        if (!v.isTextual()) {
            throw PayloadException.at(path, "expected a time, got " + PayloadFields.kind(v));
        }
        return parse(v.asText(), path);
    }

    /** The first present time of {@code names}. */
    static Instant first(JsonNode node, String path, String... names) {
        for (String name : names) {
            Instant t = at(node, name, path == null ? name : path + "." + name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static Instant parse(String text, String path) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("0001-01-01")) {
            return null;
        }
        try {
            if (s.length() >= 10 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-') {
                if (hasZone(s)) {
                    return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
                }
                if (s.length() == 10) {
                    return java.time.LocalDate.parse(s)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                }
                return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC);
            }
            if (s.indexOf(',') > 0) {
                String rfc = s.endsWith(" Z") ? s.substring(0, s.length() - 2) + " GMT" : s;
                return ZonedDateTime.parse(rfc, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            }
            if (s.indexOf('/') > 0) {
                if (s.indexOf(':') > 0) {
                    return LocalDateTime.parse(s.toUpperCase(Locale.ROOT), US_DATE_TIME)
                            .toInstant(ZoneOffset.UTC);
                }
                return java.time.LocalDate.parse(s, US_DATE)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            if (s.chars().allMatch(Character::isDigit)) {
                return fromNumber(Long.parseLong(s));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw PayloadException.at(
                    path, "'" + abbreviate(s) + "' is not a time (expected ISO-8601 such as 2021-11-16T20:00:00Z)");
        }
        throw PayloadException.at(
                path, "'" + abbreviate(s) + "' is not a time (expected ISO-8601 such as 2021-11-16T20:00:00Z)");
    }

    /**
     * Resource Graph's numeric times (inferred from its documented queries, unit not documented): .NET ticks when the
     * value is that large, else epoch milliseconds, else epoch seconds.
     */
    static Instant fromNumber(long n) {
        if (n <= 0) {
            return null;
        }
        if (n >= 100_000_000_000_000_000L) {
            long sinceEpoch = n - TICKS_AT_EPOCH;
            return Instant.ofEpochSecond(
                    Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
        }
        if (n >= 100_000_000_000L) {
            return Instant.ofEpochMilli(n);
        }
        return Instant.ofEpochSecond(n);
    }

    private static boolean hasZone(String s) {
        int t = s.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = s.substring(t);
        return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') > 0 || time.lastIndexOf('-') > 0;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
