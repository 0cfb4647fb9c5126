package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.ContentHash;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** The ids of incidents, made from what opened them. */
public final class IncidentIds {

    private IncidentIds() {}

    /**
     * Deterministic, URL-safe incident id from the event that opened it: its key and when its impact started, so that
     * the same resource failing again months later (after the first incident left the stores) is a new incident, not
     * version 1 of an old one that consumers would ignore.
     */
    public static String incidentId(String platformId, String eventKey, Instant start) {
        String slug = slug(eventKey);
        if (slug.isEmpty() || slug.length() > 40) {
            slug = digest(eventKey);
        }
        return "inc-" + platformId + "-" + slug + "-" + STARTED.format(start);
    }

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-|-$)");

    /** Lower case, runs of anything else than letters and digits as one dash: {@code NA0F-BJG} → {@code na0f-bjg}. */
    public static String slug(String text) {
        return EDGE_DASHES
                .matcher(NOT_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-"))
                .replaceAll("");
    }

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String digest(String text) {
        return ContentHash.hex(6, text);
    }
}
