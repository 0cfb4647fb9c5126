package dev.stormwatch.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void parsesDaysRangesListsWrappingAndTheEndOfTheDay() {
        assertEquals(
                new WorkingHours(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)),
                WorkingHours.parse(WorkingHours.DEFAULT));
        assertEquals(
                new WorkingHours(
                        EnumSet.of(
                                DayOfWeek.FRIDAY,
                                DayOfWeek.SATURDAY,
                                DayOfWeek.SUNDAY,
                                DayOfWeek.MONDAY,
                                DayOfWeek.WEDNESDAY),
                        LocalTime.of(9, 30),
                        null),
                WorkingHours.parse("Fri-Mon,wed 09:30-24:00"));
        assertEquals(WorkingHours.ALWAYS, WorkingHours.parse("always"));
        assertEquals(
                "'Mon-Fry 08:00-18:00': 'Fry' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
                assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse("Mon-Fry 08:00-18:00"))
                        .getMessage());
        assertEquals(
                "'Mon 8:00-18:00': '8:00' is not a local time like 08:00",
                assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse("Mon 8:00-18:00"))
                        .getMessage());
    }

    @Test
    void nextStartIsTheSameInstantInsideAndTheNextMorningOutside() {
        WorkingHours hours = WorkingHours.parse(WorkingHours.DEFAULT);
        // Tuesday 2026-11-24 02:00 in Sydney (AEDT, +11) is Monday 15:00 UTC.
        Instant night = Instant.parse("2026-11-23T15:00:00Z");
        assertFalse(hours.contains(night, SYDNEY));
        assertEquals(Instant.parse("2026-11-23T21:00:00Z"), hours.nextStart(night, SYDNEY)); // Tuesday 08:00 AEDT
        Instant morning = Instant.parse("2026-11-23T23:00:00Z"); // Tuesday 10:00 AEDT
        assertTrue(hours.contains(morning, SYDNEY));
        assertEquals(morning, hours.nextStart(morning, SYDNEY));
        // Friday 2026-11-27 19:00 AEDT → Monday 2026-11-30 08:00 AEDT
        assertEquals(
                Instant.parse("2026-11-29T21:00:00Z"), hours.nextStart(Instant.parse("2026-11-27T08:00:00Z"), SYDNEY));
        // The end is exclusive: 18:00 sharp is outside.
        assertFalse(hours.contains(Instant.parse("2026-11-24T07:00:00Z"), SYDNEY));
    }
}
