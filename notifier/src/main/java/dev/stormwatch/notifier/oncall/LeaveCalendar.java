package dev.stormwatch.notifier.oncall;

import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.Leave;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Whether a contact is on leave at an instant: leave days are whole days, inclusive, in the contact's own zone. */
public final class LeaveCalendar {

    private LeaveCalendar() {}

    public static Optional<Leave> leaveAt(Contact contact, Instant at) {
        ZoneId zone = contact.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(contact.timeZone());
        LocalDate day = LocalDate.ofInstant(at, zone);
        return contact.leave().stream()
                .filter(l -> !day.isBefore(l.fromDate()) && !day.isAfter(l.toDate()))
                .findFirst();
    }

    public static boolean onLeave(Contact contact, Instant at) {
        return leaveAt(contact, at).isPresent();
    }
}
