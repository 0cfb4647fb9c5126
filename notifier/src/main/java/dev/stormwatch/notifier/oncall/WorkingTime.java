package dev.stormwatch.notifier.oncall;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.WorkingHours;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Whether a contact is at work: their {@code workingHours}, else the platform's, else {@link WorkingHours#DEFAULT}, in
 * their own time zone (UTC without one). Pages that can wait (planned maintenance) are held outside these hours.
 */
public final class WorkingTime {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private WorkingTime() {}

    /** Why and until when a page that can wait is held for a contact. */
    public record Hold(Instant until, String contactId, String localTime, String zone) {

        /** {@code held until 08:00 Australia/Sydney: planned maintenance outside working hours} */
        public String reason() {
            return "held until " + localTime + " " + zone + ": planned maintenance outside working hours";
        }
    }

    /**
     * Empty when {@code contactId} is at work at {@code now} (or unknown: an unknown contact is not held, the delivery
     * reports it); else the start of their next working period.
     */
    public static Optional<Hold> holdFor(Catalog catalog, String contactId, Instant now) {
        Contact contact = catalog.contact(contactId).orElse(null);
        if (contact == null) {
            return Optional.empty();
        }
        ZoneId zone = zone(contact);
        WorkingHours hours = hours(catalog, contact);
        Instant start = hours.nextStart(now, zone);
        if (start == null || !start.isAfter(now)) {
            return Optional.empty(); // at work, or no working day at all: holding for ever would lose the page
        }
        return Optional.of(new Hold(start, contactId, HH_MM.format(start.atZone(zone)), zone.getId()));
    }

    static ZoneId zone(Contact contact) {
        try {
            return contact.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(contact.timeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC; // the catalog loader refuses such a zone; a hand-built catalog still gets a zone
        }
    }

    static WorkingHours hours(Catalog catalog, Contact contact) {
        String text = contact.workingHours() != null
                ? contact.workingHours()
                : catalog.platform().workingHours() != null ? catalog.platform().workingHours() : WorkingHours.DEFAULT;
        try {
            return WorkingHours.parse(text);
        } catch (IllegalArgumentException e) {
            return WorkingHours.parse(WorkingHours.DEFAULT);
        }
    }
}
