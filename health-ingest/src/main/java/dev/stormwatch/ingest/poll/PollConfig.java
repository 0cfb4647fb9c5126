package dev.stormwatch.ingest.poll;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The pollers of health-ingest; each is off unless what it needs is configured. */
@ConfigMapping(prefix = "stormwatch.ingest.poll")
public interface PollConfig {

    /** Subscriptions whose Resource Health (and Resource Graph rows) are polled; none: those pollers are off. */
    Optional<List<String>> subscriptions();

    /** Azure Resource Manager endpoint (public cloud by default; sovereign clouds differ). */
    @WithDefault("https://management.azure.com")
    String armEndpoint();

    /** Microsoft Graph endpoint. */
    @WithDefault("https://graph.microsoft.com")
    String graphEndpoint();

    /**
     * Retries of one HTTP call on 408/429/5xx (Retry-After honoured) inside the azure-core pipeline, and then of the
     * whole poll ({@link PollRetry}) before it gives up until its next scheduled run.
     */
    @WithDefault("3")
    int maxRetries();

    /**
     * First wait before a poll is retried, doubled per failure up to {@link #maxBackoff()}; a Retry-After wins when
     * longer.
     */
    @WithDefault("30s")
    Duration backoff();

    @WithDefault("15m")
    Duration maxBackoff();

    EmergingIssues emergingIssues();

    ResourceHealth resourceHealth();

    ResourceGraph resourceGraph();

    StatusFeed statusFeed();

    M365 m365();

    ProviderLocations providerLocations();

    /**
     * Where each subscription's resource providers offer the resource types the catalogs use, for the readiness check
     * that every component's service is offered in the secondary region.
     */
    interface ProviderLocations {
        /** On whenever subscriptions are set. */
        @WithDefault("true")
        boolean enabled();

        /** Regions rarely gain or lose a service: a few calls a day per subscription are enough. */
        @WithDefault("6h")
        Duration every();
    }

    interface ResourceHealth {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2m")
        Duration every();

        /** How far back the events list starts (the API's queryStartTime). */
        @WithDefault("7d")
        Duration lookback();
    }

    interface EmergingIssues {
        /** Tenant-wide emerging issues, polled whenever the Azure pollers are on (subscriptions set). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2m")
        Duration every();
    }

    interface ResourceGraph {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("5m")
        Duration every();
    }

    interface StatusFeed {
        /** The public Azure status RSS feed; off unless set (it has moved several times). */
        Optional<String> url();

        @WithDefault("5m")
        Duration every();
    }

    interface M365 {
        @WithDefault("false")
        boolean enabled();

        /** Microsoft 365 services whose service health issues are polled. */
        @WithDefault("Power BI")
        List<String> services();

        @WithDefault("5m")
        Duration every();
    }
}
