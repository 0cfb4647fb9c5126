package dev.stormwatch.notifier.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.action.AutomationReadiness.Problem;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The notifier's view of whether the Contoso plan's two automated steps could be called now: the Key Vault runbook
 * (Azure Automation, URL by reference, reports by callback) and the Data Factory trigger (signed webhook to a local
 * address), against the secrets and the destination policy the notifier runs with.
 */
class AutomationReadinessCheckTest {

    private static final String KV_STEP = "Recover Key Vault secrets and access policies in the secondary region";
    private static final String ADF_STEP = "Enable the secondary integration runtime and linked services";

    private static final Catalog CONTOSO =
            CatalogLoader.load(Path.of("..", "deploy", "catalog", "contoso-data-platform.yaml"));

    /** Resolves every host to 127.0.0.1 or a public address without DNS: the test runs offline. */
    private static DestinationPolicy policy(List<String> allowed) {
        return new DestinationPolicy(allowed, true, host -> new InetAddress[] {
            InetAddress.getByAddress(
                    host, host.equals("127.0.0.1") ? new byte[] {127, 0, 0, 1} : new byte[] {20, 50, 2, 10})
        });
    }

    private static AutomationReadinessCheck check(
            Map<String, String> env, List<String> allowed, boolean enabled, boolean callbackSecret) {
        return new AutomationReadinessCheck(
                ref -> Optional.ofNullable(env.get(ref)), policy(allowed), enabled, callbackSecret);
    }

    @Test
    void everythingConfiguredIsReady() {
        var ready = check(
                Map.of(
                        "CONTOSO_KEY_VAULT_RUNBOOK_URL", "https://abc.webhook.ae.azure-automation.net/webhooks?token=x",
                        "STORMWATCH_WEBHOOK_SECRET", "s3cret"),
                List.of("127.0.0.1"),
                true,
                true);
        assertEquals(List.of(), ready.problems(CONTOSO));
    }

    @Test
    void aMissingReferenceARefusedUrlAndNoCallbackSecretAreEachNamed() {
        var check = check(Map.of("STORMWATCH_WEBHOOK_SECRET", "s3cret"), List.of(), true, false);
        List<Problem> problems = check.problems(CONTOSO);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(
                new Problem(
                        "key-vault",
                        KV_STEP,
                        "azure-automation",
                        "the secret 'CONTOSO_KEY_VAULT_RUNBOOK_URL' is not set in the notifier's environment;"
                                + " stormwatch.notifier.actions.callback-secret is not set: the target could not sign"
                                + " its outcome"),
                problems.get(0));
        assertEquals("data-factory", problems.get(1).componentId());
        assertEquals(ADF_STEP, problems.get(1).step());
        assertEquals("webhook", problems.get(1).kind());
        assertEquals(
                true,
                problems.get(1)
                        .problem()
                        .startsWith("the URL http://127.0.0.1:8090/automation/adf-trigger is refused by the"
                                + " notifier's destination policy: "),
                problems.get(1).problem());
    }

    @Test
    void actionsSwitchedOffLeaveEveryAutomatedStepUncalled() {
        var off = check(Map.of(), List.of(), false, true);
        assertEquals(
                List.of("key-vault", "data-factory"),
                off.problems(CONTOSO).stream().map(Problem::componentId).toList());
    }
}
