package dev.stormwatch.contracts.catalog;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a contact works, in their own zone: {@code "Mon-Fri 08:00-18:00"}, {@code "Mon,Wed,Fri 09:00-17:30"},
 * {@code "Sun-Thu 07:00-24:00"} or {@code "always"}. Non-urgent pages (planned maintenance) are held outside these
 * hours. Days are English three-letter names, ranges may wrap (Fri-Mon); the end is exclusive and must be after the
 * start ({@code 24:00} is the end of the day).
 *
 * @param days the working days; every day for {@code always}
 * @param start the local start of a working day
 * @param end the local end of a working day, exclusive; null for the end of the day
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** Used when neither the contact nor the platform says otherwise. */
    public static final String DEFAULT = "Mon-Fri 08:00-18:00";

    public static final WorkingHours ALWAYS =
            new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, null);

    private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public WorkingHours {
        days = days == null || days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** @throws IllegalArgumentException naming what is wrong, for the catalog's line-numbered problems */
    public static WorkingHours parse(String text) {
        String hint = "'" + text
                + "' is not working hours like \"Mon-Fri 08:00-18:00\", \"Mon,Wed 09:00-17:00\" or \"always\"";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(hint);
        }
        String t = text.trim();
        if (t.equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        String[] parts = t.split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(hint);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : parts[0].split(",")) {
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException(hint);
            }
            DayOfWeek from = day(range[0], text);
            DayOfWeek to = range.length == 2 ? day(range[1], text) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        String[] times = parts[1].split("-", -1);
        if (times.length != 2) {
            throw new IllegalArgumentException(hint);
        }
        LocalTime start = time(times[0], text);
        LocalTime end = times[1].equals("24:00") ? null : time(times[1], text);
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "'" + text + "': the working day must end after it starts (" + times[0] + " to " + times[1] + ")");
        }
        return new WorkingHours(days, start, end);
    }

    /** True when {@code at} falls inside working hours in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(start) && (end == null || time.isBefore(end));
    }

    /**
     * {@code at} itself when it is inside working hours, else the start of the next working period in {@code zone} (a
     * start inside a daylight-saving gap moves forward by the gap); null when there are no working days.
     */
    public Instant nextStart(Instant at, ZoneId zone) {
        if (contains(at, zone)) {
            return at;
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            LocalDate d = date.plusDays(i);
            if (days.contains(d.getDayOfWeek())) {
                Instant start = ZonedDateTime.of(d, this.start, zone).toInstant();
                if (start.isAfter(at)) {
                    return start;
                }
            }
        }
        return null;
    }

    private static DayOfWeek day(String name, String text) {
        int i = NAMES.indexOf(name.trim().toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException(
                    "'" + text + "': '" + name + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
        }
        return DayOfWeek.of(i + 1);
    }

    private static LocalTime time(String value, String text) {
        try {
            if (!value.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeException(value);
            }
            return LocalTime.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "': '" + value + "' is not a local time like 08:00");
        }
    }
}
