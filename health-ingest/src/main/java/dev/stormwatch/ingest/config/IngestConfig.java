package dev.stormwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of health-ingest's intake: authentication, limits, publishing and the dedup index. */
@ConfigMapping(prefix = "stormwatch.ingest")
public interface IngestConfig {

    Auth auth();

    /**
     * Largest body each push endpoint accepts, in bytes. A declared Content-Length above it is answered 413 before the
     * body is read; a chunked body is read (up to quarkus.http.limits.max-body-size), answered 413 and kept in the DLQ
     * truncated.
     */
    BodyLimit bodyLimit();

    /** How much of a rejected payload the DLQ record keeps, in characters (the rest is cut, rawTruncated=true). */
    @WithDefault("131072")
    int dlqRawChars();

    /** Deepest JSON nesting accepted; Azure's payloads stay under ten levels. */
    @WithDefault("64")
    int maxJsonDepth();

    /** How long a request waits for Kafka to acknowledge its records before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * How long the producer holds a record for others to share its batch (Kafka's linger.ms). An alert arriving alone
     * is what pages someone, so it is sent at once; under load records still share batches while earlier sends are in
     * flight.
     */
    @WithDefault("0ms")
    Duration producerLinger();

    /** How long a request waits at startup for the seen-index to be rebuilt from health-events.v1 before 503. */
    @WithDefault("30s")
    Duration indexWait();

    EventHubs eventHubs();

    /** Bounds of the dedup index and of the refused sends it remembers. */
    SeenIndex seenIndex();

    interface SeenIndex {
        /**
         * How long a fact (tracking id, service, subscription) not updated is kept; defaults to health-events.v1's
         * retention.
         */
        Optional<Duration> retention();

        /** Facts kept at most; beyond, the least recently updated are forgotten. */
        @WithDefault("200000")
        int maxFacts();

        /** Update ids kept per fact at most, oldest forgotten first. */
        @WithDefault("32")
        int maxIdsPerFact();

        /**
         * How long a send Kafka refused is remembered, so that a copy arriving meanwhile is refused without waiting.
         */
        @WithDefault("1h")
        Duration failedRetention();

        /** Refused sends remembered at most. */
        @WithDefault("10000")
        int maxFailed();
    }

    /** Activity Log exported to Azure Event Hubs by a diagnostic setting (categories ServiceHealth, ResourceHealth). */
    interface EventHubs {
        /** Namespace connection string (with or without EntityPath); the consumer is off unless it is set. */
        java.util.Optional<String> connectionString();

        /**
         * Event hub name, when the connection string has no EntityPath (diagnostic settings default:
         * insights-activity-logs).
         */
        @WithDefault("insights-activity-logs")
        String eventHubName();

        @WithDefault("$Default")
        String consumerGroup();

        /** Storage account connection string of the blob checkpoint store; required with the connection string. */
        java.util.Optional<String> checkpointStorageConnectionString();

        @WithDefault("stormwatch-eventhubs-checkpoints")
        String checkpointContainer();

        @WithDefault("50")
        int maxBatchSize();

        @WithDefault("5s")
        Duration maxWait();
    }

    /** Azure sends a few KB per alert; the caps leave room for the largest payloads it documents, no more. */
    interface BodyLimit {
        /** Action-group webhook (common alert schema, activity-log alert schema, Event Grid HealthResources events). */
        @WithDefault("262144")
        int azureMonitor();

        /** Activity Log records envelope; also the cap of one Event Hubs event, whose own limit is 1 MB on Standard. */
        @WithDefault("1048576")
        int activityLog();

        /** Canonical HealthEvent batches (about 2 000 events of 2 KB). */
        @WithDefault("4194304")
        int events();
    }

    interface Auth {
        /**
         * Shared secret an action group sends in the query string ({@code ?token=}) or the {@code X-Stormwatch-Token}
         * header. Without it only Entra ID bearer tokens are accepted.
         */
        Optional<String> sharedSecret();

        /**
         * Issuer an Entra ID bearer token must carry (the tenant's, {@code https://sts.windows.net/<tenant>/} or
         * {@code https://login.microsoftonline.com/<tenant>/v2.0}); without it bearer tokens are refused, so that a
         * token of another tenant signed by the same Microsoft keys never gets in.
         */
        Optional<String> entraIssuer();

        /**
         * App role a bearer token must carry in its {@code roles} claim: the role the secure webhook's app registration
         * defines and assigns to Azure Monitor's action-group service principal. A token of the tenant and audience
         * without it is refused 403, unless its client is in {@link #allowedClientIds()}.
         */
        @WithDefault("ActionGroupsSecureWebhook")
        String appRole();

        /**
         * Client ids ({@code appid} of v1 tokens, {@code azp} of v2) accepted without the app role, e.g. a Logic App's
         * identity.
         */
        Optional<List<String>> allowedClientIds();
    }
}
