package dev.stormwatch.correlator.feasibility;

import static dev.stormwatch.correlator.feasibility.ReadinessTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.CorrelatorDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Automation endpoints configured and their secrets present, on the correlator's topology: the notifier's answer for
 * the Contoso plan (its Key Vault runbook's URL reference not set) becomes a readiness finding at the next check; a
 * step the catalog no longer automates is not judged.
 */
class AutomationReadinessTest {

    private static final String KV_STEP = "Recover Key Vault secrets and access policies in the secondary region";

    private final Instant t0 = Instant.parse("2026-12-09T00:00:00Z");

    @Test
    void aStepTheNotifierCannotCallIsAFindingAtTheNextCheck() {
        try (CorrelatorDriver driver = new CorrelatorDriver(t0)) {
            driver.catalog(Catalogs.contoso());
            assertTrue(single(driver.feasibility()).findings().stream().noneMatch(Finding::readiness));
            driver.automationReadiness(new AutomationReadiness(
                    "contoso-data-platform",
                    "catalog-1",
                    t0,
                    List.of(
                            new AutomationReadiness.Problem(
                                    "key-vault",
                                    KV_STEP,
                                    "azure-automation",
                                    "the secret 'CONTOSO_KEY_VAULT_RUNBOOK_URL' is not set in the notifier's"
                                            + " environment"),
                            new AutomationReadiness.Problem(
                                    "key-vault", "A step the catalog does not have", "webhook", "anything"))));
            driver.advance(Duration.ofMinutes(29));
            assertTrue(driver.feasibility().isEmpty(), "not checked again before the interval");
            driver.advance(Duration.ofMinutes(1));
            FeasibilityReport report = single(driver.feasibility());
            List<Finding> readiness =
                    report.findings().stream().filter(Finding::readiness).toList();
            assertEquals(1, readiness.size(), readiness.toString());
            Finding f = readiness.get(0);
            assertEquals(Finding.AUTOMATION_UNCONFIGURED, f.kind());
            assertEquals("key-vault", f.componentId());
            assertEquals(
                    "The automated step \"" + KV_STEP + "\" of Key Vault (azure-automation) could not be called by the"
                            + " notifier now: the secret 'CONTOSO_KEY_VAULT_RUNBOOK_URL' is not set in the notifier's"
                            + " environment",
                    f.summary());
            assertTrue(driver.audit().stream()
                    .anyMatch(a -> a.action().equals("readiness-dropped")
                            && a.detail().startsWith("automation-unconfigured: ")));
        }
    }
}
