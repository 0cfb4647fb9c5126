package dev.stormwatch.status.subscription;

import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin sends to create a subscription for a downstream team. */
@Schema(description = "A new downstream webhook subscription")
public record SubscriptionRequest(
        @Schema(
                required = true,
                description = "The subscriber team's identity (API key name or token principal); it can list its own "
                        + "subscriptions",
                example = "finance-reporting")
        String owner,

        @Schema(
                required = true,
                description = "Webhook URL (http or https)",
                example = "https://finance.contoso.example/hooks/stormwatch")
        String url,

        @Schema(
                required = true,
                description = "Shared secret for the HMAC-SHA256 signature (16–512 characters); never returned",
                writeOnly = true)
        String secret,

        @Schema(description = "Only these platforms; all when empty")
        List<String> platforms,

        @Schema(description = "Only these components; all when empty")
        List<String> components,

        @Schema(description = "handover (the default), incident, decision, drill (drill reports; needs drills: true)")
        Set<String> eventTypes,

        @Schema(
                description =
                        "Also deliver drill records: drill handovers, incidents, decisions and drill reports (default "
                                + "false)")
        Boolean drills) {}
