package dev.stormwatch.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of status-api: Kafka, the live stream, the notifier, subscriptions, API keys and the Entra ID tenant. The
 * prefix is {@code stormwatch.status-api}, not {@code stormwatch}: a mapping rejects unknown properties under its
 * prefix, and {@code stormwatch.*} also holds settings of other parts (the log format, test directories).
 */
@ConfigMapping(prefix = "stormwatch.status-api")
public interface StatusApiConfig {

    /**
     * Entra ID: bearer tokens for the REST API and the dashboard's sign-in. Without a tenant id, Entra ID is off and
     * the API keys are the only way in (the local run).
     */
    Entra entra();

    interface Entra {
        /** Directory (tenant) id. Absent: Entra ID is off. */
        Optional<String> tenantId();

        /**
         * The OpenID Connect authority whose discovery document, issuer and signing keys are used. Defaults to
         * {@code https://login.microsoftonline.com/<tenant-id>/v2.0}; set it for a sovereign cloud.
         */
        Optional<String> authServerUrl();

        /**
         * Audiences a bearer token may carry besides the client id (which v2 access tokens carry): the Application ID
         * URI of status-api's app registration.
         */
        @WithDefault("api://stormwatch-status-api")
        List<String> audience();

        /**
         * Application (client) id of the app registration the dashboard signs in with. Absent: no dashboard sign-in
         * with Entra ID.
         */
        Optional<String> clientId();

        /**
         * Client secret of that app registration. Also the key of the session and sign-in state cookies, so every
         * replica shares it; at least 32 characters (Entra ID's generated secrets are 40).
         */
        Optional<String> clientSecret();

        /** The authority: {@link #authServerUrl()}, or Entra ID's for the tenant. */
        default Optional<String> authority() {
            return authServerUrl().or(() -> tenantId().map(t -> "https://login.microsoftonline.com/" + t + "/v2.0"));
        }
    }

    /** Kafka bootstrap servers; the same value as {@code kafka.bootstrap.servers}. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** How long a Kafka send may take before the request answers 503. Defaults to {@code 10s}. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** The live stream of changes. */
    Stream stream();

    /** The notifier's internal API, for acknowledgements from the dashboard. */
    Notifier notifier();

    /** Downstream webhook subscriptions. */
    Subscriptions subscriptions();

    /** How much of the audit trail (audit.v1, kept a year) is held in memory and served. */
    Audit audit();

    /** How many handovers (handovers.v1, kept a year) are held in memory. */
    Handovers handovers();

    /** How many pages (notifications.v1 and acks.v1) are held in memory. */
    Pages pages();

    interface Audit {
        /** Records older than this are not held; defaults to audit.v1's retention. */
        Optional<Duration> window();

        /** Records held at most, the oldest leaving first. Defaults to {@code 100000}. */
        @WithDefault("100000")
        int maxEntries();

        /** Largest page of {@code GET /api/v1/audit}. Defaults to {@code 1000}. */
        @WithDefault("1000")
        int maxPageSize();
    }

    interface Handovers {
        /** Handovers older than this are not held; defaults to handovers.v1's retention. */
        Optional<Duration> window();

        /** Handovers held at most, the oldest leaving first. Defaults to {@code 20000}. */
        @WithDefault("20000")
        int maxEntries();
    }

    interface Pages {
        /**
         * Pages whose last attempt or acknowledgement is older than this are not held; defaults to notifications.v1's
         * retention.
         */
        Optional<Duration> retention();

        /** Pages held at most, the least recently written leaving first. Defaults to {@code 200000}. */
        @WithDefault("200000")
        int maxPages();
    }

    /**
     * API keys, by name: {@code stormwatch.status-api.api-keys.<name>.key} and {@code .roles}. The name is the caller's
     * identity (a subscription's owner, the actor in the audit trail). A name without a key is off; outside the local,
     * dev and test profiles the keys published with Stormwatch stop the start.
     */
    Map<String, ApiKey> apiKeys();

    interface Stream {
        /** How many recent changes are kept for Last-Event-ID resume. Defaults to {@code 10000}. */
        @WithDefault("10000")
        int ringSize();

        /** How often an idle stream gets a comment so that proxies keep it open. Defaults to {@code 15s}. */
        @WithDefault("15s")
        Duration keepAlive();

        /**
         * Sends in flight to one client; beyond that it gets nothing more until it has taken what it was given, and
         * once the ring has moved past it, a reset. Defaults to {@code 256}.
         */
        @WithDefault("256")
        int maxPendingPerClient();
    }

    interface Notifier {
        /** Base URL of the notifier. Defaults to the local run's {@code http://localhost:8083}. */
        @WithDefault("http://localhost:8083")
        URI url();

        /** Timeout of one call to the notifier. Defaults to {@code 5s}. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * The secret sent on the notifier's internal page API ({@code X-Stormwatch-Internal-Token}): the notifier's
         * {@code stormwatch.notifier.internal-token}. Defaults to the local run's {@code local-internal-token}.
         */
        @WithDefault("local-internal-token")
        String internalToken();
    }

    interface Subscriptions {
        /**
         * AES-256 key (base64, 32 bytes) that encrypts subscription secrets in {@code subscriptions.v1}. The default is
         * the local run's key, printed as a warning at start; set your own in every real deployment.
         */
        @WithDefault(LOCAL_SECRET_KEY)
        String secretKey();

        /** Delivery attempts per event before it is dead-lettered. Defaults to {@code 8}. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the first retry; doubles with every further retry. Defaults to {@code 1s}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two attempts. Defaults to {@code 5m}. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Timeout of one delivery (connect and response). Defaults to {@code 10s}. */
        @WithDefault("10s")
        Duration timeout();

        /** Event types a subscription may ask for; handover is the default when it names none. */
        @WithDefault("handover,incident,decision,drill,dr-run-completed")
        Set<String> eventTypes();

        /** Which webhook URLs are called: the notifier's destination rules. */
        Destinations destinations();
    }

    interface Destinations {

        /**
         * Hosts (also {@code *.example.com}) and CIDR blocks subscriptions may point at even though they are internal
         * (loopback, private, link-local, the cloud host endpoints). Local and test profiles allow loopback.
         */
        Optional<List<String>> allow();

        /** Whether public internet destinations are allowed; off, only the allow-list is. */
        @WithDefault("true")
        boolean allowPublic();

        /** CIDR blocks counted as internal besides the built-in ones: a cluster's pod and service ranges. */
        Optional<List<String>> internal();
    }

    Actions actions();

    /** Signed outcomes of automated recovery steps, sent by their targets. */
    interface Actions {
        /**
         * The secret shared with the notifier from which each call's callback key is derived. Unset: callbacks are
         * answered 503, saying so.
         */
        Optional<String> callbackSecret();

        /** How far a callback's timestamp may be from now before it is refused as a replay. Defaults to {@code 5m}. */
        @WithDefault("5m")
        Duration callbackMaxAge();
    }

    interface ApiKey {
        /** The key itself, sent as {@code X-API-Key}. Empty: this name has no key, and cannot sign in with one. */
        Optional<String> key();

        /** Roles the key grants: viewer, responder, dr-lead, admin. */
        Set<String> roles();
    }

    /** The local run's subscription-secret key; a deployment that keeps it is warned at start. */
    String LOCAL_SECRET_KEY = "c3Rvcm13YXRjaC1sb2NhbC1vbmx5LWtleS0zMmJ5dGU=";
}
