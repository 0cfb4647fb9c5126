package dev.stormwatch.correlator.handover;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data timestamp people record in a decision's evidence ("newest raw file 2026-11-22T09:55:00Z"): the latest
 * ISO-8601 instant with a zone in the text. The runbook's validation steps ask for it ("confirm the current timestamp
 * of the data").
 */
public final class DataTimestamp {

    private static final Pattern INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})");

    private DataTimestamp() {}

    public static Optional<Instant> in(String evidence) {
        if (evidence == null) {
            return Optional.empty();
        }
        Instant latest = null;
        Matcher m = INSTANT.matcher(evidence);
        while (m.find()) {
            try {
                Instant at = OffsetDateTime.parse(m.group()).toInstant();
                if (latest == null || at.isAfter(latest)) {
                    latest = at;
                }
            } catch (DateTimeParseException e) {
                // Looks like a timestamp but is not one (month 13): not evidence of a data time.
            }
        }
        return Optional.ofNullable(latest);
    }
}
