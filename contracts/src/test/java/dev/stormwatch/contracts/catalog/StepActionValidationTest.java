package dev.stormwatch.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Automated recovery steps: every action problem is reported with its path and line, and a good action loads. */
class StepActionValidationTest {

    static final String HEAD = """
            platform: { id: p, primaryRegion: westeurope, secondaryRegion: northeurope, strategy: warm-spare, rto: 8h }
            roles:
              dr-leads: [ann]
            contacts:
              - id: ann
                channels: [ { type: email, address: ann@example.test } ]
            components:
              - id: kv
                service: Key Vault
                layer: foundation
                recovery:
            """;

    @Test
    void everyActionProblemIsListedWithPathAndLine() {
        String yaml = HEAD + """
                      - name: a
                        expected: 10m
                        action: { kind: carrier-pigeon }
                      - name: b
                        expected: 10m
                        action:
                          kind: webhook
                          url: "https://user:pw@hooks.example.test/run"
                      - name: c
                        expected: 10m
                        action:
                          kind: azure-automation
                          url: "https://abc.webhook.we.azure-automation.net/webhooks?token=s3cret"
                      - name: d
                        expected: 10m
                        action:
                          kind: github-workflow
                          owner: contoso
                          repo: "dr runbooks"
                          workflow: recover
                          tokenRef: "ghp_literal token"
                      - name: e
                        expected: 10m
                        action:
                          kind: azure-devops-pipeline
                          organization: contoso
                          project: data-platform
                          pipelineId: adf-trigger
                          tokenRef: ADO_PAT
                          timeout: never
                          approval: required
                      - name: f
                        expected: 10m
                        action:
                          kind: webhook
                          url: "https://hooks.example.test/run?sig=abc"
                          secretRef: HOOK_SECRET
                          approval: please
                          approver: captains
                """;

        CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.parse("actions.yaml", yaml));

        assertEquals(
                List.of(
                        "actions.yaml:14: components[0].recovery[0].action.kind: 'carrier-pigeon' is not one of "
                                + "webhook, azure-automation, github-workflow, azure-devops-pipeline",
                        "actions.yaml:19: components[0].recovery[1].action.url: the URL carries a credential: keep it "
                                + "out of the catalog and name it by reference",
                        "actions.yaml:17: components[0].recovery[1].action: missing secretRef: the reference of the "
                                + "HMAC secret that signs the call",
                        "actions.yaml:24: components[0].recovery[2].action.url: a runbook webhook URL carries its "
                                + "token: name it by urlRef, never in the catalog",
                        "actions.yaml:22: components[0].recovery[2].action: missing urlRef: the reference of the "
                                + "runbook webhook URL",
                        "actions.yaml:30: components[0].recovery[3].action.repo: 'dr runbooks' is not a repository "
                                + "name like dr-runbooks",
                        "actions.yaml:31: components[0].recovery[3].action.workflow: 'recover' is not a workflow file "
                                + "like recover.yml, or its id",
                        "actions.yaml:27: components[0].recovery[3].action: missing ref",
                        "actions.yaml:32: components[0].recovery[3].action.tokenRef: 'ghp_literal token' is not a "
                                + "secret reference (an environment or configuration name like CONTOSO_RUNBOOK_URL), "
                                + "never the secret itself",
                        "actions.yaml:39: components[0].recovery[4].action.pipelineId: 'adf-trigger' is not the "
                                + "pipeline's numeric id",
                        "actions.yaml:41: components[0].recovery[4].action.timeout: 'never' is not a duration (like "
                                + "20m, 1h30m, 2d or PT20M)",
                        "actions.yaml:35: components[0].recovery[4].action: approval is required but no approver: "
                                + "name the role (under roles) whose members approve",
                        "actions.yaml:47: components[0].recovery[5].action.url: the URL carries a credential: keep it "
                                + "out of the catalog and name it by reference",
                        "actions.yaml:49: components[0].recovery[5].action.approval: 'please' is not 'required': "
                                + "leave approval out for a step that runs by itself",
                        "actions.yaml:50: components[0].recovery[5].action.approver: unknown role 'captains': not "
                                + "defined under roles"),
                e.problems().stream().map(CatalogProblem::toString).toList());
    }

    @Test
    void aGoodActionLoadsWithItsTimeoutAndApprover() {
        String yaml = HEAD + """
                      - name: Recover the vault
                        expected: 20m
                        contingency: 10m
                        action:
                          kind: azure-automation
                          urlRef: KV_RUNBOOK_URL
                          approval: required
                          approver: dr-leads
                      - name: Trigger the factory
                        expected: 30m
                        action:
                          kind: github-workflow
                          owner: contoso
                          repo: dr-runbooks
                          workflow: adf-trigger.yml
                          ref: main
                          tokenRef: GITHUB_DR_TOKEN
                          timeout: 45m
                """;

        Catalog c = CatalogLoader.parse("good.yaml", yaml);

        StepAction vault = c.components().get(0).recovery().get(0).action();
        assertEquals(StepAction.AZURE_AUTOMATION, vault.kind());
        assertTrue(vault.approvalRequired());
        assertEquals("dr-leads", vault.approver());
        assertEquals(
                Duration.ofMinutes(30),
                vault.timeoutOr(c.components().get(0).recovery().get(0).plannedDuration()));
        StepAction workflow = c.components().get(0).recovery().get(1).action();
        assertTrue(workflow.polled());
        assertEquals(Duration.ofMinutes(45), workflow.timeoutOr(Duration.ofMinutes(30)));
        assertNull(c.components().get(0).recovery().get(0).action().url());
    }
}
