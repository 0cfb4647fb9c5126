package dev.stormwatch.correlator.feasibility;

import static dev.stormwatch.correlator.feasibility.ReadinessTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.azure.ServiceResourceTypes;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every component's Azure service offered in the secondary region, on the correlator's topology: the resource
 * providers' locations health-ingest publishes per subscription against the Contoso catalog (secondary region Australia
 * Southeast, subscription 1111…). A service its subscription cannot create there is a finding at the catalog's check
 * when the locations are known, else at the next readiness check; an unchanged finding is not published again.
 */
class ServiceOfferedReadinessTest {

    private static final String SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String SUMMARY =
            "Databricks workspace (Azure Databricks, Microsoft.Databricks/workspaces) is not"
                    + " offered in the secondary region Australia Southeast for subscription " + SUBSCRIPTION
                    + ", as its resource providers list it: a failover has nowhere to recover it";

    // 9 Dec: before the DR lead's leave comes within the 7-day horizon, so no role finding mixes in.
    private final Instant t0 = Instant.parse("2026-12-09T00:00:00Z");

    /** Every watched type offered in both Australian regions, except Databricks workspaces: Australia East only. */
    private ProviderLocations withoutDatabricksInTheSecondary(Instant at) {
        Map<String, List<String>> regions = new TreeMap<>();
        ServiceResourceTypes.keys().forEach(k -> regions.put(k, List.of("australiaeast", "australiasoutheast")));
        regions.put("microsoft.databricks/workspaces", List.of("australiaeast"));
        return new ProviderLocations(SUBSCRIPTION, at, regions);
    }

    @Test
    void aServiceMissingInTheSecondaryRegionIsAFindingAtTheCatalogsCheck() {
        try (CorrelatorDriver driver = new CorrelatorDriver(t0)) {
            driver.providerLocations(withoutDatabricksInTheSecondary(t0));
            driver.catalog(Catalogs.contoso());
            FeasibilityReport report = single(driver.feasibility());
            List<Finding> readiness =
                    report.findings().stream().filter(Finding::readiness).toList();
            assertEquals(1, readiness.size(), readiness.toString());
            Finding f = readiness.get(0);
            assertEquals(Finding.SERVICE_NOT_OFFERED, f.kind());
            assertEquals("databricks", f.componentId());
            assertEquals(SUMMARY, f.summary());
            assertEquals(List.of("databricks"), f.lateComponents());
            assertEquals(3, f.options().size());
            assertTrue(report.meetsRto(), "readiness does not change the arithmetic");
            assertEquals(
                    List.of(new AuditRecord(
                            "contoso-data-platform",
                            t0,
                            "incident-correlator",
                            "readiness-dropped",
                            "contoso-data-platform",
                            "service-not-offered: " + SUMMARY,
                            false)),
                    driver.audit().stream()
                            .filter(a -> a.action().equals("readiness-dropped"))
                            .toList());
        }
    }

    @Test
    void locationsThatArriveLaterAreJudgedAtTheNextReadinessCheckAndAnUnchangedFindingIsNotRepublished() {
        try (CorrelatorDriver driver = new CorrelatorDriver(t0)) {
            driver.catalog(Catalogs.contoso());
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));

            driver.advance(Duration.ofMinutes(5));
            driver.providerLocations(withoutDatabricksInTheSecondary(driver.now()));
            driver.advance(Duration.ofMinutes(24));
            assertTrue(driver.feasibility().isEmpty(), "not checked again before the 30-minute interval");
            driver.advance(Duration.ofMinutes(1));
            FeasibilityReport report = single(driver.feasibility());
            assertEquals(t0.plus(Duration.ofMinutes(30)), report.evaluatedAt());
            assertEquals(
                    List.of(SUMMARY),
                    report.findings().stream()
                            .filter(Finding::readiness)
                            .map(Finding::summary)
                            .toList());

            driver.advance(Duration.ofMinutes(31));
            assertTrue(driver.feasibility().isEmpty(), "unchanged: not published again");
            assertEquals(
                    1,
                    driver.audit().stream()
                            .filter(a -> a.action().equals("readiness-dropped"))
                            .count());

            // The provider starts to offer it: the next check publishes a report without the finding.
            Map<String, List<String>> all = new TreeMap<>();
            ServiceResourceTypes.keys().forEach(k -> all.put(k, List.of("australiaeast", "australiasoutheast")));
            driver.providerLocations(new ProviderLocations(SUBSCRIPTION, driver.now(), all));
            driver.advance(Duration.ofMinutes(30));
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));
        }
    }

    @Test
    void aSubscriptionWithNoAnswerYetIsNotJudged() {
        try (CorrelatorDriver driver = new CorrelatorDriver(t0)) {
            driver.providerLocations(new ProviderLocations("another-subscription", t0, Map.of()));
            driver.catalog(Catalogs.contoso());
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));
        }
    }
}
