package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.action.AutomationReadiness.Problem;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.catalog.StepAction;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.SecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether each automated step of a catalog could be called by this notifier now, with its configuration: the reference
 * its action names (HMAC secret, runbook URL, token) is set, the URL it would call passes the destination policy, and
 * an action that reports by callback has the callback secret to sign it. What a call would only learn from the target
 * (a revoked token, a deleted runbook) is not checked here; the call's own failure process covers it.
 */
final class AutomationReadinessCheck {

    private final SecretSource secrets;
    private final DestinationPolicy destinations;
    private final boolean enabled;
    private final boolean callbackSecretSet;

    AutomationReadinessCheck(
            SecretSource secrets, DestinationPolicy destinations, boolean enabled, boolean callbackSecretSet) {
        this.secrets = secrets;
        this.destinations = destinations;
        this.enabled = enabled;
        this.callbackSecretSet = callbackSecretSet;
    }

    List<Problem> problems(Catalog catalog) {
        List<Problem> out = new ArrayList<>();
        for (Component c : catalog.components()) {
            for (RecoveryStep s : c.recovery()) {
                StepAction a = s.action();
                if (a == null) {
                    continue;
                }
                problem(a).ifPresent(p -> out.add(new Problem(c.id(), s.name(), a.kind(), p)));
            }
        }
        return out;
    }

    private Optional<String> problem(StepAction a) {
        if (!enabled) {
            return Optional.of("automated steps are off in the notifier (stormwatch.notifier.actions.enabled is false):"
                    + " nobody would call it");
        }
        List<String> problems = new ArrayList<>();
        switch (a.kind()) {
            case StepAction.WEBHOOK -> {
                missing(a.secretRef()).ifPresent(problems::add);
                refused(a.url()).ifPresent(problems::add);
            }
            case StepAction.AZURE_AUTOMATION -> {
                Optional<String> url = secrets.secret(a.urlRef());
                if (url.isEmpty()) {
                    missing(a.urlRef()).ifPresent(problems::add);
                } else {
                    // The runbook URL is a credential: the problem names its reference, never the URL.
                    refused(url.get())
                            .map(r -> "the runbook URL of '" + a.urlRef() + "' " + r.substring(r.indexOf("is refused")))
                            .ifPresent(problems::add);
                }
            }
            case StepAction.GITHUB_WORKFLOW, StepAction.AZURE_DEVOPS_PIPELINE -> {
                missing(a.tokenRef()).ifPresent(problems::add);
                if (a.apiUrl() != null) {
                    refused(a.apiUrl()).ifPresent(problems::add);
                }
            }
            default -> problems.add("unknown action kind '" + a.kind() + "'");
        }
        if (!a.polled() && !callbackSecretSet) {
            problems.add("stormwatch.notifier.actions.callback-secret is not set: the target could not sign its"
                    + " outcome");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private Optional<String> missing(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.of("the action names no reference");
        }
        return secrets.secret(ref).isPresent()
                ? Optional.empty()
                : Optional.of("the secret '" + ref + "' is not set in the notifier's environment");
    }

    /** A refusal for good; an address that does not resolve now may resolve at the call. */
    private Optional<String> refused(String url) {
        if (url == null) {
            return Optional.empty();
        }
        DestinationPolicy.Verdict v = destinations.check(url);
        return v.allowed() || v.retryable()
                ? Optional.empty()
                : Optional.of("the URL " + url + " is refused by the notifier's destination policy: " + v.reason());
    }
}
