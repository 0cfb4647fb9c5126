package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A platform task keeps at most {@code platform-views} platforms' views in memory: with room for one view and three
 * platforms taking turns, every input finds its platform's view dropped and reads it again from the stores, and the
 * records that come out are exactly those of a task that kept every view.
 */
class PlatformViewBoundTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> PLATFORMS = List.of("plat-a", "plat-b", "plat-c");

    static String subscription(int i) {
        return "0000000" + i + "-0000-0000-0000-00000000000" + i;
    }

    /** Outages on three platforms, interleaved: each opens, is updated, a copy is re-delivered, then it resolves. */
    static void outages(CorrelatorDriver driver) {
        for (int i = 0; i < PLATFORMS.size(); i++) {
            driver.catalog(Catalogs.contoso(PLATFORMS.get(i), subscription(i)));
        }
        driver.drain();
        Consumer<Integer> step = round -> {
            for (int i = 0; i < PLATFORMS.size(); i++) {
                HealthEvents event = HealthEvents.incident("STG-" + i, "Storage", PRIMARY, T0)
                        .subscription(subscription(i))
                        .lastUpdate(T0.plus(Duration.ofMinutes(round)));
                if (round == 2) {
                    event = event.stage(HealthStage.RESOLVED).resolved(T0.plus(Duration.ofMinutes(round)));
                }
                HealthEvent built = event.build();
                driver.health("ce-" + i + "-" + round, built);
                if (round == 1) {
                    driver.health("ce-" + i + "-" + round, built); // a re-delivery: dropped as already applied
                }
                driver.advance(Duration.ofSeconds(30));
            }
        };
        for (int round = 0; round < 3; round++) {
            step.accept(round);
        }
    }

    @Test
    void withRoomForOneViewThreePlatformsCorrelateExactlyAsWithEveryViewKept() {
        List<Incident> bounded;
        List<?> boundedStatuses;
        try (CorrelatorDriver driver = new CorrelatorDriver(
                T0,
                Map.of(
                        "stormwatch.correlator.state-stores",
                        "in-memory",
                        "stormwatch.correlator.platform-views",
                        "1"))) {
            outages(driver);
            bounded = driver.incidents();
            boundedStatuses = driver.statuses();
        }
        try (CorrelatorDriver driver = new CorrelatorDriver(T0)) {
            outages(driver);
            assertEquals(driver.incidents(), bounded);
            assertEquals(driver.statuses(), boundedStatuses);
        }
        // One incident per platform: opened; the update that changes nothing and its re-delivery send nothing; the
        // provider's resolution mitigates it (the platform is validated before handover).
        for (String platform : PLATFORMS) {
            List<Incident> own = bounded.stream()
                    .filter(i -> i.platformId().equals(platform))
                    .toList();
            assertEquals(1, own.stream().map(Incident::id).distinct().count(), platform + ": " + own);
            assertEquals(
                    List.of(IncidentState.OPEN, IncidentState.MITIGATED),
                    own.stream().map(Incident::state).toList(),
                    platform + ": " + own);
        }
    }
}
