package dev.stormwatch.notifier.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.catalog.StepAction;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.notifier.channel.SecretSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How each kind of action is called and how its run's status is read:
 *
 * <ul>
 *   <li>{@code webhook}: POST of the step's context, HMAC-signed as the notifier's webhooks; the target calls back;
 *   <li>{@code azure-automation}: POST of the context to the runbook webhook URL named by reference (Azure Automation
 *       answers 202 with the job id); the runbook calls back;
 *   <li>{@code github-workflow}: {@code workflow_dispatch} with the idempotency key as an input, asking for the run's
 *       details; the run's status is polled;
 *   <li>{@code azure-devops-pipeline}: a pipeline run with the idempotency key as a template parameter; polled.
 * </ul>
 *
 * Tokens travel in the {@code Authorization} header, never in a URL.
 */
final class ActionTargets {

    static final String GITHUB_API = "https://api.github.com";
    static final String AZURE_DEVOPS_API = "https://dev.azure.com";

    /** The call as made: the run's status URL where the API returned one, and what the target answered. */
    record Accepted(String runUrl, String detail) {}

    /** A call that did not go through; {@code retryable} when calling again later may succeed. */
    record Refused(String reason, boolean retryable) {}

    /** A polled run: still running (null result), or finished with {@code succeeded} and the evidence. */
    record RunStatus(Boolean succeeded, String evidence) {}

    private final ActionHttp http;
    private final SecretSource secrets;
    private final Optional<String> callbackSecret;
    private final String callbackBase;
    private final Clock clock;

    ActionTargets(
            ActionHttp http, SecretSource secrets, Optional<String> callbackSecret, String callbackBase, Clock clock) {
        this.http = http;
        this.secrets = secrets;
        this.callbackSecret = callbackSecret;
        this.callbackBase =
                callbackBase.endsWith("/") ? callbackBase.substring(0, callbackBase.length() - 1) : callbackBase;
        this.clock = clock;
    }

    /** Calls the action once; {@code context} is what the target learns about the step. */
    Object call(StepAction a, String key, Map<String, Object> context) {
        Map<String, Object> body = new LinkedHashMap<>(context);
        body.put("idempotencyKey", key);
        if (!a.polled()) {
            if (callbackSecret.isEmpty()) {
                return new Refused(
                        "stormwatch.notifier.actions.callback-secret is not set: the target could not sign its outcome",
                        false);
            }
            body.put(
                    "callback",
                    Map.of(
                            "url",
                            callbackBase + "/api/v1/step-callbacks/" + encode(key),
                            "key",
                            StepCallback.callbackKey(callbackSecret.get(), key)));
        }
        return switch (a.kind()) {
            case StepAction.WEBHOOK -> webhook(a, key, body);
            case StepAction.AZURE_AUTOMATION -> automation(a, key, body);
            case StepAction.GITHUB_WORKFLOW -> github(a, key);
            case StepAction.AZURE_DEVOPS_PIPELINE -> devops(a, key);
            default -> new Refused("unknown action kind '" + a.kind() + "'", false);
        };
    }

    private Object webhook(StepAction a, String key, Map<String, Object> body) {
        Optional<String> secret = secrets.secret(a.secretRef());
        if (secret.isEmpty()) {
            return missing(a.secretRef());
        }
        String json = JsonCodec.toJson(body);
        long ts = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                StepCallback.IDEMPOTENCY_HEADER,
                key,
                WebhookSignature.DELIVERY_HEADER,
                key,
                WebhookSignature.TIMESTAMP_HEADER,
                Long.toString(ts),
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(secret.get(), ts, json));
        return accepted(http.post(a.url(), json, headers), null);
    }

    private Object automation(StepAction a, String key, Map<String, Object> body) {
        Optional<String> url = secrets.secret(a.urlRef());
        if (url.isEmpty()) {
            return missing(a.urlRef());
        }
        ActionHttp.Answer answer =
                http.post(url.get(), JsonCodec.toJson(body), Map.of(StepCallback.IDEMPOTENCY_HEADER, key));
        // The answer names the job ({"JobIds":["…"]}); the URL is a credential and is never recorded.
        return accepted(answer, null);
    }

    private Object github(StepAction a, String key) {
        Optional<String> token = secrets.secret(a.tokenRef());
        if (token.isEmpty()) {
            return missing(a.tokenRef());
        }
        String base = a.apiUrl() == null ? GITHUB_API : trim(a.apiUrl());
        String url = base + "/repos/" + encode(a.owner()) + "/" + encode(a.repo()) + "/actions/workflows/"
                + encode(a.workflow()) + "/dispatches";
        String json = JsonCodec.toJson(
                Map.of("ref", a.ref(), "inputs", Map.of("idempotency_key", key), "return_run_details", true));
        ActionHttp.Answer answer = http.post(url, json, githubHeaders(token.get()));
        String runUrl = null;
        if (answer.ok() && answer.body() != null && !answer.body().isBlank()) {
            runUrl = tree(answer.body()).path("run_url").asText(null);
        }
        return accepted(answer, runUrl);
    }

    private Object devops(StepAction a, String key) {
        Optional<String> token = secrets.secret(a.tokenRef());
        if (token.isEmpty()) {
            return missing(a.tokenRef());
        }
        String base = a.apiUrl() == null ? AZURE_DEVOPS_API : trim(a.apiUrl());
        String url = base + "/" + encode(a.organization()) + "/" + encode(a.project()) + "/_apis/pipelines/"
                + encode(a.pipelineId()) + "/runs?api-version=7.1";
        String json = JsonCodec.toJson(Map.of("templateParameters", Map.of("idempotencyKey", key)));
        ActionHttp.Answer answer = http.post(url, json, devopsHeaders(token.get()));
        String runUrl = null;
        if (answer.ok() && answer.body() != null && !answer.body().isBlank()) {
            JsonNode run = tree(answer.body());
            String self = run.path("url").asText(null);
            runUrl = self == null ? null : self + (self.contains("?") ? "" : "?api-version=7.1");
        }
        return accepted(answer, runUrl);
    }

    /** Reads a polled run's status; null while it cannot be read now (asked again at the next poll). */
    RunStatus poll(StepAction a, String runUrl) {
        boolean github = StepAction.GITHUB_WORKFLOW.equals(a.kind());
        Optional<String> token = secrets.secret(a.tokenRef());
        if (token.isEmpty()) {
            return null;
        }
        ActionHttp.Answer answer = http.get(runUrl, github ? githubHeaders(token.get()) : devopsHeaders(token.get()));
        if (!answer.ok() || answer.body() == null) {
            return null;
        }
        JsonNode run = tree(answer.body());
        if (github) {
            if (!"completed".equals(run.path("status").asText())) {
                return new RunStatus(null, null);
            }
            String conclusion = run.path("conclusion").asText();
            return new RunStatus(
                    "success".equals(conclusion),
                    "GitHub Actions run " + run.path("id").asText() + " " + conclusion + ": "
                            + run.path("html_url").asText(runUrl));
        }
        if (!"completed".equals(run.path("state").asText())) {
            return new RunStatus(null, null);
        }
        String result = run.path("result").asText();
        return new RunStatus(
                "succeeded".equals(result),
                "Azure DevOps pipeline run " + run.path("id").asText() + " " + result + ": "
                        + run.path("_links").path("web").path("href").asText(runUrl));
    }

    private static Object accepted(ActionHttp.Answer answer, String runUrl) {
        if (answer.ok()) {
            return new Accepted(runUrl, answer.summary());
        }
        return new Refused(answer.summary(), answer.retryable());
    }

    private static Refused missing(String ref) {
        return new Refused("the secret '" + ref + "' is not set in the notifier's environment", false);
    }

    private static Map<String, String> githubHeaders(String token) {
        return Map.of(
                "Authorization",
                "Bearer " + token,
                "Accept",
                "application/vnd.github+json",
                "X-GitHub-Api-Version",
                "2022-11-28");
    }

    private static Map<String, String> devopsHeaders(String token) {
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((":" + token).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode tree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return JsonCodec.mapper().missingNode();
        }
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
