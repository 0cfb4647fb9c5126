package dev.stormwatch.notifier.oncall;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.catalog.Roster;
import dev.stormwatch.contracts.catalog.RosterOverride;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Who a roster puts on call at an instant: its rotation, or an override that covers the instant.
 *
 * <p>Hand-offs happen at the roster's local hand-off time in its own zone, so a 7-day rotation handing off at 09:00 in
 * Australia/Sydney hands off at 09:00 local on both sides of a daylight-saving change (the shift across the change is
 * an hour shorter or longer, not shifted). Shift boundaries are wall-clock arithmetic from {@code start} at
 * {@code handoff}; a boundary that falls in a spring-forward gap moves forward by the gap, one in an autumn overlap
 * takes the earlier offset (the first occurrence of that local time). Before {@code start} the rotation runs backwards.
 */
public final class RosterSchedule {

    private final Roster roster;
    private final ZoneId zone;
    private final LocalDateTime firstHandoff;
    private final long rotationSeconds;

    public RosterSchedule(Roster roster) {
        this.roster = roster;
        this.zone = ZoneId.of(roster.timeZone());
        this.firstHandoff = LocalDate.parse(roster.start()).atTime(LocalTime.parse(roster.handoff()));
        Duration rotation = DurationText.parse(roster.rotation());
        if (rotation.isZero() || rotation.isNegative() || roster.members().isEmpty()) {
            throw new IllegalArgumentException("roster " + roster.id() + " needs a positive rotation and a member");
        }
        this.rotationSeconds = rotation.getSeconds();
    }

    /** One stretch of time with one person on call. {@code overridden} when an override put them there. */
    public record Shift(String contactId, Instant from, Instant to, boolean overridden) {}

    /** The person on call at {@code at}: the override covering it (the last listed wins), else the rotation. */
    public Shift onCall(Instant at) {
        Optional<Shift> override = overrideAt(at);
        return override.orElseGet(() -> rotationAt(at));
    }

    /** The rotation's shift at {@code at}, ignoring overrides. */
    public Shift rotationAt(Instant at) {
        long k = shiftIndex(at);
        return new Shift(memberOf(k), boundary(k), boundary(k + 1), false);
    }

    /** The members in rotation order starting with the one on call at {@code at} (overrides ignored). */
    public List<String> membersFrom(Instant at) {
        long k = shiftIndex(at);
        List<String> members = roster.members();
        return java.util.stream.LongStream.range(0, members.size())
                .mapToObj(i -> memberOf(k + i))
                .toList();
    }

    public ZoneId zone() {
        return zone;
    }

    private Optional<Shift> overrideAt(Instant at) {
        Shift found = null;
        for (RosterOverride o : roster.overrides()) {
            Instant from = local(LocalDateTime.parse(o.from()));
            Instant to = local(LocalDateTime.parse(o.to()));
            if (!at.isBefore(from) && at.isBefore(to)) {
                found = new Shift(o.contact(), from, to, true);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Index of the shift containing {@code at}: estimated in local time, then corrected against real instants. */
    private long shiftIndex(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long seconds = ChronoUnit.SECONDS.between(firstHandoff, local);
        long k = Math.floorDiv(seconds, rotationSeconds);
        // Local time repeats or skips around a DST change; the boundary instants decide.
        while (at.isBefore(boundary(k))) {
            k--;
        }
        while (!at.isBefore(boundary(k + 1))) {
            k++;
        }
        return k;
    }

    private Instant boundary(long k) {
        return local(firstHandoff.plusSeconds(k * rotationSeconds));
    }

    private Instant local(LocalDateTime ldt) {
        // ofLocal: a gap moves the time forward by the gap's length, an overlap keeps the earlier offset.
        return ZonedDateTime.ofLocal(ldt, zone, null).toInstant();
    }

    private String memberOf(long k) {
        List<String> members = roster.members();
        return members.get((int) Math.floorMod(k, (long) members.size()));
    }
}
