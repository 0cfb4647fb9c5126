package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.decision.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A timer tick visits only the platforms with something due: beside twenty quiet platforms and one whose invoke-dr is
 * open, the ticks in between visit none, the readiness check visits each platform once per interval, and the reminder
 * visits its platform alone, at its instant. Each visit commits once, so the commits count the visits.
 */
class TickScheduleTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aTickVisitsOnlyThePlatformsWithSomethingDue() {
        List<Integer> commits = new ArrayList<>();
        try (CorrelatorDriver driver = new CorrelatorDriver(T0, Map.of(), out -> commits.add(out.size()))) {
            for (int i = 0; i < 20; i++) {
                driver.catalog(Catalogs.contoso("quiet-" + i, "22222222-2222-2222-2222-2222222222%02d".formatted(i)));
            }
            driver.catalog(Catalogs.contoso());
            driver.drain();
            driver.health(HealthEvents.incident("STG-1", "Storage", PRIMARY, T0).build());
            Decision invokeDr = driver.decisions().get(0);
            commits.clear();

            for (int s = 0; s < 3; s++) {
                driver.advance(Duration.ofSeconds(1));
            }
            assertEquals(List.of(), commits, "nothing is due in the first seconds: no platform is visited");

            // Readiness is checked again 30 min after each platform's report: every platform once, nothing to send.
            driver.advanceTo(T0.plus(Duration.ofMinutes(30)));
            assertEquals(21, commits.size(), "each of the 21 platforms visited once for its readiness");
            commits.clear();
            driver.advance(Duration.ofSeconds(1));
            driver.advance(Duration.ofSeconds(1));
            assertEquals(List.of(), commits, "the readiness checked, the next one is due an interval later");

            // Half of the 95 minutes to decide: the first reminder, its platform alone.
            driver.advanceTo(Instant.parse("2026-11-22T10:47:29Z"));
            assertEquals(List.of(), commits, "a second before the reminder, nothing is due");
            driver.advance(Duration.ofSeconds(1));
            assertEquals(1, commits.size(), "only the platform with the open invoke-dr is visited");
            assertEquals(
                    List.of(invokeDr.id() + " reminders 1"),
                    driver.decisions().stream()
                            .map(d -> d.id() + " reminders " + d.remindersSent())
                            .toList());
        }
    }
}
