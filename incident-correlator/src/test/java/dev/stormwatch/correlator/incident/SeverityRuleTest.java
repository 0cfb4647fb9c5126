package dev.stormwatch.correlator.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.match.Impact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Severity from impact, component priority and whether the hit region is the one the platform runs in. */
class SeverityRuleTest {

    @ParameterizedTest(name = "{0} of a priority {1} component, region in use {2} → {3}")
    @CsvSource({
        "OUTAGE,      1, true,  SEV1",
        "OUTAGE,      2, true,  SEV2",
        "OUTAGE,      3, true,  SEV2",
        "OUTAGE,      5, true,  SEV3",
        "DEGRADED,    1, true,  SEV2",
        "DEGRADED,    2, true,  SEV3",
        "DEGRADED,    5, true,  SEV4",
        "MAINTENANCE, 1, true,  SEV4",
        "NONE,        1, true,  SEV4",
        // the standby region: a readiness risk, at most sev3
        "OUTAGE,      1, false, SEV3",
        "DEGRADED,    1, false, SEV3",
        "DEGRADED,    3, false, SEV3",
        "DEGRADED,    5, false, SEV4",
    })
    void severity(Impact impact, int priority, boolean regionInUse, Severity expected) {
        assertEquals(expected, SeverityRule.of(impact, priority, regionInUse));
    }
}
