package dev.stormwatch.correlator.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readiness beside the RTO feasibility, on the correlator's topology: a DR lead on leave within the coming seven days
 * is a finding as soon as the catalog is read; an active advisory in the secondary region is found at the next
 * readiness check (30 minutes after the last report), and each new finding is audited as readiness-dropped.
 */
class ReadinessTest {

    @Test
    void aDrLeadOnLeaveWithinTheNextSevenDaysLeavesTheRoleUncovered() {
        // 16 Dec, Sydney time: Priya, the only DR lead, is on leave from 22 Dec.
        Instant now = Instant.parse("2026-12-16T00:00:00Z");
        try (CorrelatorDriver driver = new CorrelatorDriver(now)) {
            driver.catalog(Catalogs.contoso());
            FeasibilityReport report = single(driver.feasibility());
            List<Finding> roles = report.findings().stream()
                    .filter(f -> f.kind().equals(Finding.ROLE_UNCOVERED))
                    .toList();
            assertEquals(1, roles.size(), report.findings().toString());
            assertEquals(
                    "The role dr-lead is not covered: everyone who holds it is on leave in the next 7 days (Priya"
                            + " Natarajan on leave 2026-12-22 to 2027-01-02)",
                    roles.get(0).summary());
            assertEquals(List.of("priya"), roles.get(0).lateComponents());
            assertTrue(report.meetsRto(), "readiness does not change the arithmetic");
            List<AuditRecord> dropped = driver.audit().stream()
                    .filter(a -> a.action().equals("readiness-dropped"))
                    .toList();
            assertEquals(
                    List.of(new AuditRecord(
                            "contoso-data-platform",
                            now,
                            "incident-correlator",
                            "readiness-dropped",
                            "contoso-data-platform",
                            "role-uncovered: " + roles.get(0).summary(),
                            false)),
                    dropped);
        }
        // A week earlier the leave is beyond the horizon: no finding.
        try (CorrelatorDriver driver = new CorrelatorDriver(Instant.parse("2026-12-09T00:00:00Z"))) {
            driver.catalog(Catalogs.contoso());
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));
        }
    }

    @Test
    void anAdvisoryInTheSecondaryRegionIsFoundAtTheNextReadinessCheck() {
        Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
        try (CorrelatorDriver driver = new CorrelatorDriver(t0)) {
            driver.catalog(Catalogs.contoso());
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));
            driver.health(HealthEvents.incident("ADV-9", "Storage", HealthEvents.SECONDARY, t0)
                    .kind(HealthEventKind.HEALTH_ADVISORY)
                    .level("informational")
                    .build());
            driver.advance(Duration.ofMinutes(29));
            assertTrue(driver.feasibility().isEmpty(), "not checked again before the interval");
            driver.advance(Duration.ofMinutes(1));
            FeasibilityReport report = single(driver.feasibility());
            Finding issue = report.findings().stream()
                    .filter(f -> f.kind().equals(Finding.SECONDARY_REGION_ISSUE))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    issue.summary()
                            .startsWith("The secondary region Australia Southeast has an active provider issue of"
                                    + " its own: health-advisory ADV-9"),
                    issue.summary());
            assertTrue(
                    issue.lateComponents().contains("adls-raw"),
                    issue.lateComponents().toString());
            assertTrue(driver.audit().stream()
                    .anyMatch(a -> a.action().equals("readiness-dropped")
                            && a.detail().startsWith("secondary-region-issue: ")));
            driver.advance(Duration.ofMinutes(31));
            assertTrue(driver.feasibility().isEmpty(), "unchanged: not published again");
        }
    }

    static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }
}
