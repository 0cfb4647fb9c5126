package dev.stormwatch.contracts.catalog;

import java.time.LocalDate;

/** A leave period, both days inclusive, in the contact's time zone. */
public record Leave(String from, String to) {

    public LocalDate fromDate() {
        return LocalDate.parse(from);
    }

    public LocalDate toDate() {
        return LocalDate.parse(to);
    }
}
