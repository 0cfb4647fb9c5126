package dev.stormwatch.contracts.catalog;

import java.util.List;

/**
 * A person in the contact listing of the plan: reachable on channels in order of preference, with a backup who is paged
 * instead while they are on leave.
 *
 * @param role what they are in the DR plan ("DR lead", "Business owner, Finance", "Databricks SME")
 * @param timeZone IANA zone, e.g. {@code Australia/Sydney}
 * @param workingHours when they work, in their zone ({@link WorkingHours}); null: the platform's, else
 *     {@link WorkingHours#DEFAULT}. Planned maintenance is not paged outside these hours.
 */
public record Contact(
        String id,
        String name,
        String role,
        String timeZone,
        List<ContactChannel> channels,
        String backup,
        List<Leave> leave,
        String workingHours) {

    public Contact {
        channels = channels == null ? List.of() : List.copyOf(channels);
        leave = leave == null ? List.of() : List.copyOf(leave);
    }

    /** A contact with the platform's working hours. */
    public Contact(
            String id,
            String name,
            String role,
            String timeZone,
            List<ContactChannel> channels,
            String backup,
            List<Leave> leave) {
        this(id, name, role, timeZone, channels, backup, leave, null);
    }
}
