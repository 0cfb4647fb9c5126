package dev.stormwatch.contracts.catalog;

import java.time.Duration;
import java.util.List;

/**
 * What runs an automated recovery step: the notifier calls it once when the step starts, with the step's context and an
 * idempotency key, and the outcome (a signed callback to status-api, or the run's status where the API offers it)
 * completes or fails the step. Secrets are named by reference ({@code secretRef}, {@code urlRef}, {@code tokenRef}),
 * looked up in the runner's environment, never written in the catalog.
 *
 * @param kind {@code webhook}, {@code azure-automation}, {@code github-workflow} or {@code azure-devops-pipeline}
 * @param url webhook: the https URL called (signed with the secret named by {@code secretRef})
 * @param secretRef webhook: the HMAC secret's reference
 * @param urlRef azure-automation: reference of the runbook webhook URL (the URL carries its token)
 * @param owner github-workflow: repository owner
 * @param repo github-workflow: repository name
 * @param workflow github-workflow: workflow file name or id
 * @param ref github-workflow: the git ref to run on
 * @param organization azure-devops-pipeline: organization
 * @param project azure-devops-pipeline: project
 * @param pipelineId azure-devops-pipeline: pipeline id
 * @param tokenRef github-workflow, azure-devops-pipeline: reference of the token, sent in a header
 * @param apiUrl github-workflow, azure-devops-pipeline: the API's base URL (GitHub Enterprise, a proxy); default the
 *     public one
 * @param timeout how long the outcome may take before the step fails; default the step's expected + contingency
 * @param approval {@code required}: a person with {@code approver} role starts the step, which approves the call;
 *     absent: the step starts by itself once the steps before it are done
 * @param approver the catalog role whose members approve (a key under {@code roles})
 */
public record StepAction(
        String kind,
        String url,
        String secretRef,
        String urlRef,
        String owner,
        String repo,
        String workflow,
        String ref,
        String organization,
        String project,
        String pipelineId,
        String tokenRef,
        String apiUrl,
        String timeout,
        String approval,
        String approver) {

    public static final String WEBHOOK = "webhook";
    public static final String AZURE_AUTOMATION = "azure-automation";
    public static final String GITHUB_WORKFLOW = "github-workflow";
    public static final String AZURE_DEVOPS_PIPELINE = "azure-devops-pipeline";
    public static final List<String> KINDS = List.of(WEBHOOK, AZURE_AUTOMATION, GITHUB_WORKFLOW, AZURE_DEVOPS_PIPELINE);
    public static final String APPROVAL_REQUIRED = "required";

    public boolean approvalRequired() {
        return APPROVAL_REQUIRED.equals(approval);
    }

    /** Whether the runner polls the run's status (the API reports it) rather than waiting for a callback. */
    public boolean polled() {
        return GITHUB_WORKFLOW.equals(kind) || AZURE_DEVOPS_PIPELINE.equals(kind);
    }

    /** The catalog's timeout, or {@code fallback} (the step's planned duration) when it sets none. */
    public Duration timeoutOr(Duration fallback) {
        return timeout == null ? fallback : DurationText.parse(timeout);
    }
}
